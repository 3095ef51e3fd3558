package org.jet.plugin.radiuscoa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests of the decoder of the NAS's answers, which come from the network. {@code mvn test} runs them in
 * regression mode over the inputs under
 * {@code src/test/resources/org/jet/plugin/radiuscoa/ResponseFuzzTestInputs/<method>/}; to fuzz:
 * {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=5m mvn -pl plugins/radius-coa test -Dtest=ResponseFuzzTest#signed}
 * (one method at a time; the corpus it grows goes to {@code .cifuzz-corpus/}, which git ignores).
 *
 * <p>{@link #wrap}: the input is one datagram, in a buffer of its own length (a read past it throws). Nothing may
 * escape but a {@link Response.Rejection}, and what a well-formed answer reports lies within it.
 *
 * <p>{@link #signed}: the first byte holds flags, the rest is the datagram. Unless flag bit 0 is set, the harness
 * writes the right Response Authenticator (when the Length field allows), so the fuzzer gets past that check to
 * the Message-Authenticator; an answer so signed without a Message-Authenticator must be found authentic.
 */
class ResponseFuzzTest
{
    private static final byte[] REQUEST = new RequestEncoder().begin(Radius.COA_REQUEST, 7)
        .string(Radius.USER_NAME, "alice").finish(Answers.SECRET);

    @FuzzTest(maxDuration = "30s")
    void wrap(final byte[] data)
    {
        final Response response = new Response();
        if (response.wrap(data, data.length) == null)
        {
            assertTrue(response.length() >= Radius.HEADER_LENGTH && response.length() <= data.length);
            assertTrue(response.code() >= 0 && response.code() <= 255);
            assertTrue(response.errorCause() >= -1 && response.errorCause() <= 0xFFFF_FFFFL);
            response.authentic(REQUEST, Answers.SECRET);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void signed(final byte[] data)
    {
        if (data.length == 0)
        {
            return;
        }
        final byte[] datagram = Arrays.copyOfRange(data, 1, data.length);
        boolean signed = false;
        if ((data[0] & 1) == 0 && datagram.length >= Radius.HEADER_LENGTH)
        {
            final int length = Radius.u16(datagram, Radius.LENGTH_OFFSET);
            if (length >= Radius.HEADER_LENGTH && length <= datagram.length)
            {
                Answers.sign(datagram, length, REQUEST, Answers.SECRET);
                signed = true;
            }
        }
        final Response response = new Response();
        if (response.wrap(datagram, datagram.length) == null)
        {
            final boolean authentic = response.authentic(REQUEST, Answers.SECRET);
            if (signed && !response.hasMessageAuthenticator())
            {
                assertTrue(authentic, "a correctly signed answer is authentic");
            }
        }
    }
}
