package org.jet.cli.input;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import picocli.CommandLine;

/**
 * Parses {@code HOST:PORT}, {@code 192.0.2.1:2055} or {@code [2001:db8::1]:2055} for options such as
 * {@code --to} and {@code --exporter}.
 */
public final class SocketAddressConverter implements CommandLine.ITypeConverter<InetSocketAddress>
{
    @Override
    public InetSocketAddress convert(final String value)
    {
        return parse(value);
    }

    /**
     * @throws CommandLine.TypeConversionException with a message for people when the value does not parse.
     */
    public static InetSocketAddress parse(final String value)
    {
        final int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1)
        {
            throw new CommandLine.TypeConversionException(
                "'" + value + "' is not ADDRESS:PORT (write IPv6 addresses as [2001:db8::1]:2055)");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        else if (host.indexOf(':') >= 0)
        {
            throw new CommandLine.TypeConversionException(
                "'" + value + "': put an IPv6 address in brackets, e.g. [2001:db8::1]:2055");
        }

        final int port;
        try
        {
            port = Integer.parseInt(value.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new CommandLine.TypeConversionException("'" + value + "': the port is not a number");
        }
        if (port < 0 || port > 65535)
        {
            throw new CommandLine.TypeConversionException("'" + value + "': the port must be 0 to 65535");
        }

        try
        {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        }
        catch (final UnknownHostException ex)
        {
            throw new CommandLine.TypeConversionException("'" + value + "': unknown host " + host);
        }
    }
}
