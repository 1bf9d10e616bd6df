using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Versiebeheer;

/// <summary>
/// The compatibility modes of a schema registry (Confluent's names): which earlier releases a release is checked
/// against, and in which direction.
/// </summary>
public enum CompatibilityMode
{
    /// <summary>No check.</summary>
    None,

    /// <summary>Everything valid under the previous release is valid under the new one: readers can upgrade first.</summary>
    Backward,

    /// <summary>Everything valid under the new release is valid under the previous one: writers can upgrade first.</summary>
    Forward,

    /// <summary>Both directions against the previous release.</summary>
    Full,

    /// <summary><see cref="Backward"/> against every earlier release of the major line.</summary>
    BackwardTransitive,

    /// <summary><see cref="Forward"/> against every earlier release of the major line.</summary>
    ForwardTransitive,

    /// <summary><see cref="Full"/> against every earlier release of the major line.</summary>
    FullTransitive,
}

/// <summary>The outcome of a compatibility check: the diffs made and the changes each mode forbids.</summary>
/// <param name="Mode">The mode checked.</param>
/// <param name="Diffs">One diff per earlier release checked against.</param>
/// <param name="Violations">The changes that break the mode, each with the diff it is in.</param>
public sealed record CompatibilityResult(CompatibilityMode Mode, IReadOnlyList<ReleaseDiff> Diffs, IReadOnlyList<(ReleaseDiff Diff, SchemaChange Change)> Violations)
{
    /// <summary>Whether no change breaks the mode.</summary>
    public bool IsCompatible => Violations.Count == 0;
}

/// <summary>Checks a release against earlier ones in a <see cref="CompatibilityMode"/>.</summary>
public static class Compatibility
{
    /// <summary>
    /// Whether <paramref name="change"/> breaks <paramref name="mode"/>: a major change breaks backward compatibility; a
    /// minor change that widens (all but deprecations and properties added for tolerant readers) breaks forward
    /// compatibility.
    /// </summary>
    public static bool Breaks(SchemaChange change, CompatibilityMode mode)
    {
        ArgumentNullException.ThrowIfNull(change);
        var backward = change.Class == VersionBump.Major;
        var forward = change.Class == VersionBump.Minor && change.Kind is not ("E5" or "O2" or "O3") || change.WitnessValidUnder == WitnessSide.New;
        return mode switch
        {
            CompatibilityMode.Backward or CompatibilityMode.BackwardTransitive => backward,
            CompatibilityMode.Forward or CompatibilityMode.ForwardTransitive => forward,
            CompatibilityMode.Full or CompatibilityMode.FullTransitive => backward || forward,
            _ => false,
        };
    }

    /// <summary>
    /// Checks <paramref name="candidate"/> against <paramref name="earlier"/>: the newest of them for the plain modes,
    /// every one of the same major line for the transitive modes.
    /// </summary>
    public static CompatibilityResult Check(StandardRelease candidate, IEnumerable<StandardRelease> earlier, CompatibilityMode mode, ReaderPolicy readers = ReaderPolicy.Tolerant)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(earlier);
        var line = earlier.Where(r => r.Version < candidate.Version && r.Version.Major == candidate.Version.Major).OrderBy(r => r.Version).ToList();
        var against = mode switch
        {
            CompatibilityMode.None => [],
            CompatibilityMode.Backward or CompatibilityMode.Forward or CompatibilityMode.Full => line.Count == 0 ? [] : [line[^1]],
            _ => line,
        };
        var diffs = against.Select(r => ReleaseDiff.Compare(r, candidate, readers)).ToList();
        var violations = diffs.SelectMany(d => d.Changes.Where(c => Breaks(c, mode)).Select(c => (d, c))).ToList();
        return new CompatibilityResult(mode, diffs, violations);
    }
}
