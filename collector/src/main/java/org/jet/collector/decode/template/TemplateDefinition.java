package org.jet.collector.decode.template;

/**
 * A template record as read from the wire, before it is compiled: reused by a decoder for every template record
 * so that a template refresh (the same definition again) allocates nothing.
 */
public final class TemplateDefinition
{
    private final int maxFields;
    private final int[] ids;
    private final int[] lengths;
    private final long[] pens;
    private int templateId;
    private boolean options;
    private int scopeCount;
    private int fieldCount;

    /**
     * @param maxFields the most fields a template may have (DecoderConfig.maxFieldsPerTemplate).
     */
    public TemplateDefinition(final int maxFields)
    {
        this.maxFields = maxFields;
        this.ids = new int[maxFields];
        this.lengths = new int[maxFields];
        this.pens = new long[maxFields];
    }

    /**
     * Starts a new definition.
     */
    public void reset(final int templateId, final boolean options, final int scopeCount)
    {
        this.templateId = templateId;
        this.options = options;
        this.scopeCount = scopeCount;
        this.fieldCount = 0;
    }

    /**
     * @return false when the definition is full (the caller reports the field limit).
     */
    public boolean add(final int id, final int length, final long pen)
    {
        if (fieldCount >= maxFields)
        {
            return false;
        }
        ids[fieldCount] = id;
        lengths[fieldCount] = length;
        pens[fieldCount] = pen;
        fieldCount++;
        return true;
    }

    public int maxFields()
    {
        return maxFields;
    }

    public int templateId()
    {
        return templateId;
    }

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
        return fieldCount;
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
     * @return true when {@code template} was compiled from exactly this definition.
     */
    public boolean sameAs(final Template template)
    {
        if (template.templateId() != templateId || template.options() != options ||
            template.scopeCount() != scopeCount || template.fieldCount() != fieldCount)
        {
            return false;
        }
        for (int i = 0; i < fieldCount; i++)
        {
            if (template.id(i) != ids[i] || template.length(i) != lengths[i] || template.pen(i) != pens[i])
            {
                return false;
            }
        }
        return true;
    }
}
