package org.jet.collector.decode.template;

import static org.jet.collector.decode.template.InformationElements.VARIABLE_LENGTH;

import java.util.Arrays;

/**
 * A (options) template compiled into a flat decoding plan.
 *
 * <p>The plan is three parallel arrays: a {@link FieldOp} code, the field's offset within the record and its length.
 * When every field has a fixed length the plan holds only the fields that are decoded (skipped fields cost
 * nothing) and the record length is known up front. When a field has variable length the plan walks every field
 * in order ({@link FieldOp#SKIP} included, zero-length fields left out) and {@code lengths} holds
 * {@link InformationElements#VARIABLE_LENGTH} for those read from the record. Either way each step of a plan
 * consumes at least one byte, so decoding a set costs at most one step per byte.
 *
 * <p>The original definition (element ids, lengths, enterprise numbers) is kept to tell a refresh from a change
 * and to persist the template.
 */
public final class Template
{
    private final int templateId;
    private final boolean options;
    private final int scopeCount;
    private final int[] ids;
    private final int[] lengths;
    private final long[] pens;

    private final boolean variableLength;
    private final int recordLength;
    private final int minRecordLength;
    private final int[] planOps;
    private final int[] planOffsets;
    private final int[] planLengths;
    private final long integerOpsLo;
    private final long integerOpsHi;
    private final int[] integerReadAt = new int[FieldOp.COUNT];
    private final long[] integerMasks = new long[FieldOp.COUNT];
    private final int[] wideOps;
    private final int[] wideOffsets;

    long lastSeenMs;

    private Template(
        final int templateId,
        final boolean options,
        final int scopeCount,
        final int[] ids,
        final int[] lengths,
        final long[] pens,
        final boolean variableLength,
        final int recordLength,
        final int minRecordLength,
        final int[] planOps,
        final int[] planOffsets,
        final int[] planLengths)
    {
        this.templateId = templateId;
        this.options = options;
        this.scopeCount = scopeCount;
        this.ids = ids;
        this.lengths = lengths;
        this.pens = pens;
        this.variableLength = variableLength;
        this.recordLength = recordLength;
        this.minRecordLength = minRecordLength;
        this.planOps = planOps;
        this.planOffsets = planOffsets;
        this.planLengths = planLengths;
        long lo = 0;
        long hi = 0;
        final int[] wideOps = new int[planOps.length];
        final int[] wideOffsets = new int[planOps.length];
        int wide = 0;
        for (int i = 0; i < planOps.length; i++)
        {
            final int op = planOps[i];
            if (op == FieldOp.SKIP)
            {
                continue;
            }
            if (planLengths[i] <= Long.BYTES)
            {
                lo |= op < Long.SIZE ? 1L << op : 0;
                hi |= op >= Long.SIZE ? 1L << (op - Long.SIZE) : 0;
                if (!variableLength)
                {
                    integerReadAt[op] = planOffsets[i] + planLengths[i] - Long.BYTES;
                    integerMasks[op] = -1L >>> (Long.SIZE - Byte.SIZE * planLengths[i]);
                }
            }
            else if (!variableLength)
            {
                wideOps[wide] = op;
                wideOffsets[wide++] = planOffsets[i];
            }
        }
        this.integerOpsLo = lo;
        this.integerOpsHi = hi;
        this.wideOps = Arrays.copyOf(wideOps, wide);
        this.wideOffsets = Arrays.copyOf(wideOffsets, wide);
    }

    /**
     * Compiles a definition.
     *
     * @param definition the template record as read.
     * @param netflow9   true for NetFlow v9, whose options scope fields carry scope types rather than element ids.
     * @return the template, or null when its records could not be decoded (no bytes at all, or longer than any set).
     */
    public static Template compile(final TemplateDefinition definition, final boolean netflow9)
    {
        final int count = definition.fieldCount();
        final int[] ids = new int[count];
        final int[] lengths = new int[count];
        final long[] pens = new long[count];
        boolean hasIngress = false;
        boolean hasEgress = false;
        boolean variable = false;
        long fixedBytes = 0;
        int variableFields = 0;
        for (int i = 0; i < count; i++)
        {
            ids[i] = definition.id(i);
            lengths[i] = definition.length(i);
            pens[i] = definition.pen(i);
            if (pens[i] == 0 && ids[i] == InformationElements.INGRESS_INTERFACE)
            {
                hasIngress = true;
            }
            if (pens[i] == 0 && ids[i] == InformationElements.EGRESS_INTERFACE)
            {
                hasEgress = true;
            }
            if (lengths[i] == VARIABLE_LENGTH)
            {
                variable = true;
                variableFields++;
            }
            else
            {
                fixedBytes += lengths[i];
            }
        }

        final long minBytes = fixedBytes + variableFields;
        if (minBytes == 0 || minBytes > 0xffff)
        {
            return null;
        }

        final int[] ops = new int[count];
        final boolean[] slotUsed = new boolean[FieldOp.COUNT];
        int decoded = 0;
        for (int i = 0; i < count; i++)
        {
            final boolean v9Scope = netflow9 && definition.options() && i < definition.scopeCount();
            int op = FieldOp.resolve(ids[i], pens[i], lengths[i], v9Scope);
            if (op != FieldOp.SKIP && FieldOp.isPhysicalInterface(ids[i], pens[i]) &&
                (op == FieldOp.INPUT_IF ? hasIngress : hasEgress))
            {
                op = FieldOp.SKIP;
            }
            if (op != FieldOp.SKIP)
            {
                final int slot = FieldOp.slot(op);
                if (slotUsed[slot])
                {
                    op = FieldOp.SKIP;
                }
                else
                {
                    slotUsed[slot] = true;
                    decoded++;
                }
            }
            ops[i] = op;
        }

        final int[] planOps;
        final int[] planOffsets;
        final int[] planLengths;
        if (variable)
        {
            // zero-length fields consume nothing: leaving them out means every step of the walk consumes a byte,
            // so the work per set is bounded by its length
            int walked = 0;
            for (int i = 0; i < count; i++)
            {
                walked += lengths[i] != 0 ? 1 : 0;
            }
            planOps = new int[walked];
            planOffsets = new int[walked];
            planLengths = new int[walked];
            int j = 0;
            for (int i = 0; i < count; i++)
            {
                if (lengths[i] != 0)
                {
                    planOps[j] = ops[i];
                    planLengths[j] = lengths[i];
                    j++;
                }
            }
        }
        else
        {
            planOps = new int[decoded];
            planOffsets = new int[decoded];
            planLengths = new int[decoded];
            int offset = 0;
            int j = 0;
            for (int i = 0; i < count; i++)
            {
                if (ops[i] != FieldOp.SKIP)
                {
                    planOps[j] = ops[i];
                    planOffsets[j] = offset;
                    planLengths[j] = lengths[i];
                    j++;
                }
                offset += lengths[i];
            }
        }

        return new Template(
            definition.templateId(),
            definition.options(),
            definition.scopeCount(),
            ids,
            lengths,
            pens,
            variable,
            variable ? -1 : (int)fixedBytes,
            (int)minBytes,
            planOps,
            planOffsets,
            planLengths);
    }

    public int templateId()
    {
        return templateId;
    }

    /** @return true for an options template: its records describe the exporter (sampling, tables), not flows. */
    public boolean options()
    {
        return options;
    }

    public int scopeCount()
    {
        return scopeCount;
    }

    public int fieldCount()
    {
        return ids.length;
    }

    public int id(final int index)
    {
        return ids[index];
    }

    public int length(final int index)
    {
        return lengths[index];
    }

    public long pen(final int index)
    {
        return pens[index];
    }

    /**
     * @return the codes of the plan read as integers of 1 to 8 bytes, bits 0 to 63 ({@link FieldOp#has}).
     */
    public long integerOpsLo()
    {
        return integerOpsLo;
    }

    /**
     * @return as {@link #integerOpsLo()}, codes 64 and up.
     */
    public long integerOpsHi()
    {
        return integerOpsHi;
    }

    /**
     * @return by code, for a fixed-length template: where the 8 bytes that end with the code's integer field start,
     * from the record's start (negative for a field within the record's first 7 bytes).
     */
    public int[] integerReadAt()
    {
        return integerReadAt;
    }

    /**
     * @return by code, for a fixed-length template: the mask that keeps the code's integer of those 8 bytes.
     */
    public long[] integerMasks()
    {
        return integerMasks;
    }

    /**
     * @return codes of the 16-byte (IPv6 address) fields of a fixed-length template, in template order.
     */
    public int[] wideOps()
    {
        return wideOps;
    }

    /**
     * @return offsets of those fields in the record.
     */
    public int[] wideOffsets()
    {
        return wideOffsets;
    }

    /** @return true when some field is variable-length, so records are walked field by field. */
    public boolean variableLength()
    {
        return variableLength;
    }

    /** @return the record length of a fixed-length template; -1 otherwise. */
    public int recordLength()
    {
        return recordLength;
    }

    /** @return the shortest possible record (every variable-length field empty): set padding is shorter. */
    public int minRecordLength()
    {
        return minRecordLength;
    }

    int[] planOps()
    {
        return planOps;
    }

    int[] planOffsets()
    {
        return planOffsets;
    }

    int[] planLengths()
    {
        return planLengths;
    }

    /** @return when the template was last defined or refreshed by its exporter (epoch ms, decoder clock). */
    public long lastSeenMs()
    {
        return lastSeenMs;
    }
}
