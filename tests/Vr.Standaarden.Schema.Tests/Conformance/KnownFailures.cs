namespace Vr.Standaarden.Schema.Tests.Conformance;

/// <summary>
/// Cases of the official suite this engine is known to get wrong, each with the reason. A listed case that starts
/// to pass fails its test, so the list cannot go stale.
/// </summary>
internal static class KnownFailures
{
    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };
}
