namespace Vr.Standaarden.Begrippen;

/// <summary>One code of a <see cref="Codelijst"/>, with its labels, meaning, source, validity and flags.</summary>
public sealed class Code
{
    internal Code(string waarde, string label, string labelEn, string definitie, string? definitieEn, string bron, DateOnly? geldigVanaf, DateOnly? geldigTot, bool vervallen, bool geverifieerd, string? opmerking, IReadOnlyDictionary<string, string> kenmerken)
    {
        Waarde = waarde;
        Label = label;
        LabelEn = labelEn;
        Definitie = definitie;
        DefinitieEn = definitieEn;
        Bron = bron;
        GeldigVanaf = geldigVanaf;
        GeldigTot = geldigTot;
        Vervallen = vervallen;
        Geverifieerd = geverifieerd;
        Opmerking = opmerking;
        Kenmerken = kenmerken;
    }

    /// <summary>The value as it appears in messages, for example <c>GRIP2</c>.</summary>
    public string Waarde { get; }

    /// <summary>The Dutch name.</summary>
    public string Label { get; }

    /// <summary>The English name.</summary>
    public string LabelEn { get; }

    /// <summary>The meaning, in Dutch.</summary>
    public string Definitie { get; }

    /// <summary>The meaning in English, when the list gives it.</summary>
    public string? DefinitieEn { get; }

    /// <summary>Where the code and its meaning come from (URL or citation).</summary>
    public string Bron { get; }

    /// <summary>The first day the code is valid, when the list says.</summary>
    public DateOnly? GeldigVanaf { get; }

    /// <summary>The first day the code is no longer valid, when the list says.</summary>
    public DateOnly? GeldigTot { get; }

    /// <summary>Deprecated: only for historical messages.</summary>
    public bool Vervallen { get; }

    /// <summary><c>false</c> when the code comes from a partial or unconfirmed source; <see cref="Opmerking"/> says why.</summary>
    public bool Geverifieerd { get; }

    /// <summary>Explanation, for example why the code is not verified.</summary>
    public string? Opmerking { get; }

    /// <summary>Attributes that belong to this list, such as the discipline of a priority.</summary>
    public IReadOnlyDictionary<string, string> Kenmerken { get; }

    /// <summary>Whether the code is valid on <paramref name="datum"/>: on or after <see cref="GeldigVanaf"/> and before <see cref="GeldigTot"/>.</summary>
    public bool IsGeldigOp(DateOnly datum) => (GeldigVanaf is null || GeldigVanaf <= datum) && (GeldigTot is null || datum < GeldigTot);

    /// <summary>The value.</summary>
    public override string ToString() => Waarde;
}
