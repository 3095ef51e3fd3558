package org.jet.plugin.radiuscoa;

/**
 * The Error-Cause values of RFC 5176 §3.6, and which of them say that trying again later may work.
 */
final class ErrorCause
{
    static final int SESSION_CONTEXT_NOT_FOUND = 503;
    static final int RESOURCES_UNAVAILABLE = 506;

    private ErrorCause()
    {
    }

    /** @return e.g. {@code 503 (Session Context Not Found)}. */
    static String describe(final long value)
    {
        final String name = switch ((int)value)
        {
            case 201 -> "Residual Session Context Removed";
            case 202 -> "Invalid EAP Packet (Ignored)";
            case 401 -> "Unsupported Attribute";
            case 402 -> "Missing Attribute";
            case 403 -> "NAS Identification Mismatch";
            case 404 -> "Invalid Request";
            case 405 -> "Unsupported Service";
            case 406 -> "Unsupported Extension";
            case 407 -> "Invalid Attribute Value";
            case 501 -> "Administratively Prohibited";
            case 502 -> "Request Not Routable (Proxy)";
            case 503 -> "Session Context Not Found";
            case 504 -> "Session Context Not Removable";
            case 505 -> "Other Proxy Processing Error";
            case 506 -> "Resources Unavailable";
            case 507 -> "Request Initiated";
            case 508 -> "Multiple Session Selection Unsupported";
            default -> "unassigned";
        };
        return value + " (" + name + ")";
    }

    /**
     * Only a NAS short of resources, or a proxy on the way that failed, may answer differently later; every other
     * cause is about the request itself and would be refused again.
     */
    static boolean temporary(final long value)
    {
        return value == RESOURCES_UNAVAILABLE || value == 505;
    }
}
