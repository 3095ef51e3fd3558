package org.jet.engine.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A socket address written {@code host:port} or {@code [v6]:port}, as in the config file.
 */
public record HostPort(String host, int port)
{
    @JsonCreator
    public static HostPort parse(final String text)
    {
        final String trimmed = text.trim();
        final int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1)
        {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        else if (host.contains(":"))
        {
            throw new IllegalArgumentException("write IPv6 addresses in brackets, [ADDRESS]:PORT, got '" + text + "'");
        }
        final int port;
        try
        {
            port = Integer.parseInt(trimmed.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("port is not a number in '" + text + "'");
        }
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException("port out of range in '" + text + "'");
        }
        return new HostPort(host, port);
    }

    public InetSocketAddress resolve() throws UnknownHostException
    {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    @JsonValue
    @Override
    public String toString()
    {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
