package org.jet.plugin.radiuscoa;

import java.util.List;

/**
 * How each NAS family takes a rate in a CoA-Request.
 */
enum Vendor
{
    /** Mikrotik-Rate-Limit (vendor 14988, type 8): {@code "rx/tx"}, e.g. {@code "20M/20M"}; {@code "0/0"}: none. */
    MIKROTIK
    {
        @Override
        void rate(final RequestEncoder encoder, final long bps, final List<String> ciscoTemplates)
        {
            final String rate = mikrotikRate(bps);
            encoder.vendorString(MIKROTIK_ID, MIKROTIK_RATE_LIMIT, rate + "/" + rate);
        }

        @Override
        void unshaped(final RequestEncoder encoder, final String value)
        {
            encoder.vendorString(MIKROTIK_ID, MIKROTIK_RATE_LIMIT, value);
        }
    },

    /** Cisco-AVPair (vendor 9, type 1), one per template, {@code {bps}}, {@code {kbps}}, {@code {mbps}} filled. */
    CISCO
    {
        @Override
        void rate(final RequestEncoder encoder, final long bps, final List<String> ciscoTemplates)
        {
            for (final String template : ciscoTemplates)
            {
                encoder.vendorString(CISCO_ID, CISCO_AVPAIR, template
                    .replace("{bps}", Long.toString(bps))
                    .replace("{kbps}", Long.toString(bps / 1_000))
                    .replace("{mbps}", Long.toString(bps / 1_000_000)));
            }
        }

        @Override
        void unshaped(final RequestEncoder encoder, final String value)
        {
            encoder.vendorString(CISCO_ID, CISCO_AVPAIR, value);
        }
    },

    /** WISPr-Bandwidth-Max-Down (vendor 14122, type 8) and -Up (type 7), bits/s as 32-bit integers. */
    WISPR
    {
        @Override
        void rate(final RequestEncoder encoder, final long bps, final List<String> ciscoTemplates)
        {
            if (bps > 0xFFFF_FFFFL)
            {
                throw new IllegalArgumentException("WISPr-Bandwidth-Max holds at most 4294967295 bits/s, not " + bps);
            }
            encoder.vendorInteger(WISPR_ID, WISPR_BANDWIDTH_MAX_DOWN, bps);
            encoder.vendorInteger(WISPR_ID, WISPR_BANDWIDTH_MAX_UP, bps);
        }

        @Override
        void unshaped(final RequestEncoder encoder, final String value)
        {
            throw new IllegalStateException("wispr has no unshaped text; configuration requires unshaped_rate_bps");
        }
    };

    static final int MIKROTIK_ID = 14988;
    static final int MIKROTIK_RATE_LIMIT = 8;
    static final int CISCO_ID = 9;
    static final int CISCO_AVPAIR = 1;
    static final int WISPR_ID = 14122;
    static final int WISPR_BANDWIDTH_MAX_UP = 7;
    static final int WISPR_BANDWIDTH_MAX_DOWN = 8;

    /** Adds the attributes holding the user to {@code bps}. */
    abstract void rate(RequestEncoder encoder, long bps, List<String> ciscoTemplates);

    /** Adds the operator's "unshaped" value verbatim. */
    abstract void unshaped(RequestEncoder encoder, String value);

    /** 20000000 as {@code 20M}, 512000 as {@code 512k}, other rates in plain bits/s (Mikrotik's units). */
    static String mikrotikRate(final long bps)
    {
        if (bps % 1_000_000 == 0)
        {
            return bps / 1_000_000 + "M";
        }
        if (bps % 1_000 == 0)
        {
            return bps / 1_000 + "k";
        }
        return Long.toString(bps);
    }
}
