namespace Vr.Standaarden.Begrippen;

/// <summary>What the number in an OIN is, given by its eight-digit prefix (Logius, OIN-stelsel).</summary>
public enum OinSoort
{
    /// <summary>00000001: RSIN from the Handelsregister.</summary>
    Rsin = 1,

    /// <summary>00000002: Fi-nummer (parts of the State not in the Handelsregister).</summary>
    FiNummer = 2,

    /// <summary>00000003: KvK-nummer from the Handelsregister.</summary>
    KvkNummer = 3,

    /// <summary>00000004: SubOIN, a generated number for a unit under a legal entity.</summary>
    SubOin = 4,

    /// <summary>00000005: part of the State of the Netherlands.</summary>
    OnderdeelStaat = 5,

    /// <summary>00000006: part of the Rijk.</summary>
    OnderdeelRijk = 6,

    /// <summary>00000007: BRIN-nummer (DUO).</summary>
    Brin = 7,

    /// <summary>00000008: foreign organisation, issued by Logius.</summary>
    Buitenlands = 8,

    /// <summary>00000009: UZI-nummer (reserved).</summary>
    Uzi = 9,

    /// <summary>00000099: test OIN that anyone may use.</summary>
    Test = 99,
}
