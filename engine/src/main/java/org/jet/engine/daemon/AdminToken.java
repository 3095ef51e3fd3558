package org.jet.engine.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin API's bearer token. Made at first start in {@code DATA_DIR/admin.token}, readable by its owner only,
 * where {@code jet status} and other local commands find it. The daemon keeps only its SHA-256 in memory and
 * compares digests in constant time.
 */
public final class AdminToken
{
    public static final String FILE_NAME = "admin.token";

    private final byte[] digest;

    private AdminToken(final String token)
    {
        this.digest = sha256(token);
    }

    /**
     * Reads the token from the data directory, creating it first if there is none.
     */
    public static AdminToken loadOrCreate(final Path dataDir) throws IOException
    {
        final Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file))
        {
            final byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            final String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            final Path temp = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
            try
            {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            catch (final UnsupportedOperationException ex)
            {
                // Not a POSIX file system: the directory's permissions have to protect it.
            }
            Files.writeString(temp, token + "\n");
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return new AdminToken(read(dataDir));
    }

    /**
     * @return the token text, for local clients.
     */
    public static String read(final Path dataDir) throws IOException
    {
        return Files.readString(dataDir.resolve(FILE_NAME)).trim();
    }

    /**
     * @param authorization the request's Authorization header (may be null).
     */
    public boolean accepts(final String authorization)
    {
        if (authorization == null || !authorization.startsWith("Bearer "))
        {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring("Bearer ".length()).trim()));
    }

    private static byte[] sha256(final String text)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }
}
