namespace Vr.Standaarden.Begrippen;

/// <summary>Side of the road of a hectometre position.</summary>
public enum Rijbaanzijde
{
    /// <summary>Li: the left carriageway.</summary>
    Links,

    /// <summary>Re: the right carriageway.</summary>
    Rechts,
}
