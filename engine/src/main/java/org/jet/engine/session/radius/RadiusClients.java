package org.jet.engine.session.radius;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jet.collector.record.IpAddress;
import org.jet.engine.config.Cidr;
import org.jet.engine.config.JetConfig;

/**
 * The configured NASes with their secrets, looked up by a datagram's source address (longest prefix first).
 */
final class RadiusClients
{
    /**
     * One client, its secret read.
     */
    record Client(String name, Cidr address, byte[] secret)
    {
        @Override
        public String toString()
        {
            return name;
        }
    }

    private final Client[] clients;

    RadiusClients(final List<Client> clients)
    {
        final List<Client> sorted = new ArrayList<>(clients);
        sorted.sort(Comparator.comparingInt((final Client client) -> client.address().length()).reversed());
        this.clients = sorted.toArray(new Client[0]);
    }

    /**
     * Reads each client's secret (from its file when it has one).
     *
     * @throws IOException when a secret file cannot be read.
     */
    static RadiusClients of(final List<JetConfig.RadiusClient> configured) throws IOException
    {
        final List<Client> clients = new ArrayList<>();
        for (final JetConfig.RadiusClient client : configured)
        {
            clients.add(new Client(client.name(), client.address(), client.secretBytes()));
        }
        return new RadiusClients(clients);
    }

    /**
     * @return the client whose prefix holds the address most closely, or null.
     */
    Client find(final InetAddress source)
    {
        final byte[] bytes = source.getAddress();
        final long hi = IpAddress.hiOf(bytes);
        final long lo = IpAddress.loOf(bytes);
        for (final Client client : clients)
        {
            if (client.address().contains(hi, lo))
            {
                return client;
            }
        }
        return null;
    }

    int size()
    {
        return clients.length;
    }
}
