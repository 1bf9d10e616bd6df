using Vr.Standaarden.Begrippen;

namespace Vr.Standaarden.Interop.P2000;

/// <summary>How sure the reader is of a message's parts.</summary>
public enum P2000Confidence
{
    /// <summary>Priority, incident text (matched to the LMC) and a location with a house number or hectometre were all recognised.</summary>
    High,

    /// <summary>The main parts were recognised; the location or the classification is partial.</summary>
    Medium,

    /// <summary>Little was recognised: the classification was estimated from the discipline, or text was left over.</summary>
    Low,
}

/// <summary>One pager message as read: every recognised part, what was not recognised, and how sure the reading is.</summary>
public sealed record P2000Message
{
    /// <summary>The line as given.</summary>
    public required string Raw { get; init; }

    /// <summary>The message text (for a FLEX line, its last field).</summary>
    public required string Text { get; init; }

    /// <summary>The decoder's time (FLEX lines, Europe/Amsterdam), or <c>null</c>.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>Capcodes (7 digits) the message was sent to (FLEX lines).</summary>
    public IReadOnlyList<string> Capcodes { get; init; } = [];

    /// <summary>The priority as in the standard's code list: <c>P1</c>…<c>P5</c>, <c>A1</c>, <c>A2</c>, <c>B</c>, <c>B1</c>, <c>B2</c>, <c>PRIO1</c>…<c>PRIO3</c>.</summary>
    public string? Priority { get; init; }

    /// <summary>The discipline the priority belongs to: <c>BRW</c>, <c>GNK</c> or <c>POL</c>.</summary>
    public string? Discipline { get; init; }

    /// <summary>The meldkamer code (<c>BDH</c>) and its number (<c>03</c>) in <c>BDH-03</c>.</summary>
    public string? Meldkamer { get; init; }

    /// <summary>The number after the meldkamer code.</summary>
    public string? MeldkamerNumber { get; init; }

    /// <summary>Texts in parentheses, such as <c>Intrekken Alarm Brw</c> or <c>TBO</c>.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>The short incident text (<c>BR woning</c>).</summary>
    public string? IncidentText { get; init; }

    /// <summary>The LMC code the incident text matched (<c>brgb01</c>), or one estimated from the discipline.</summary>
    public string? Classificatie { get; init; }

    /// <summary>Whether <see cref="Classificatie"/> was estimated from the discipline rather than matched.</summary>
    public bool ClassificatieEstimated { get; init; }

    /// <summary>The street.</summary>
    public string? Street { get; init; }

    /// <summary>The house number.</summary>
    public int? HouseNumber { get; init; }

    /// <summary>The house number's letter or suffix.</summary>
    public string? HouseNumberSuffix { get; init; }

    /// <summary>The place, as written (a full name or a six-letter code such as <c>SGRAVH</c>).</summary>
    public string? Place { get; init; }

    /// <summary>The road and hectometre.</summary>
    public Hectometrering? Hectometre { get; init; }

    /// <summary>Unit numbers (6 digits).</summary>
    public IReadOnlyList<string> Units { get; init; } = [];

    /// <summary>The safety region of the units (<c>VR15</c> from <c>155130</c>), when they agree.</summary>
    public string? Region { get; init; }

    /// <summary>Text that was not recognised as any part; kept, never dropped.</summary>
    public string? Unrecognised { get; init; }

    /// <summary>How sure the reading is.</summary>
    public P2000Confidence Confidence { get; init; }
}
