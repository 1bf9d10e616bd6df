namespace Vr.Standaarden.Begrippen.Geometrie;

/// <summary>What is wrong with a position that is not in the Netherlands.</summary>
public enum AreaProblem
{
    /// <summary>Nothing: the position is inside.</summary>
    None,

    /// <summary>The position lies outside the area, and no mix-up explains it.</summary>
    Outside,

    /// <summary>The two axes are swapped: in the other order the position would be inside.</summary>
    AxesSwapped,

    /// <summary>Degrees were given where RD metres are expected.</summary>
    DegreesForRd,

    /// <summary>RD metres were given where degrees are expected.</summary>
    RdForDegrees,
}
