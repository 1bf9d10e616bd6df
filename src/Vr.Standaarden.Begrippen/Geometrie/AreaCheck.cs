namespace Vr.Standaarden.Begrippen.Geometrie;

/// <summary>The outcome of <see cref="NetherlandsArea.Check"/>: inside or not, and if not, the likely cause in words.</summary>
/// <param name="Problem">What is wrong, or <see cref="AreaProblem.None"/>.</param>
/// <param name="Message">An English sentence naming the position and the likely cause; empty when inside.</param>
/// <param name="Bericht">The same in Dutch.</param>
public sealed record AreaCheck(AreaProblem Problem, string Message, string Bericht)
{
    /// <summary>Whether the position is inside.</summary>
    public bool IsInside => Problem == AreaProblem.None;
}
