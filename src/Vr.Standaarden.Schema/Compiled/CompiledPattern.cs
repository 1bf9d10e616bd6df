using System.ComponentModel;
using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema.Compiled;

/// <summary>
/// An ECMA-262 <c>pattern</c> built once for generated code, with the semantics of <see cref="JsonSchema"/>. A pattern
/// proven linear (anchored, no repeated group, every repeated character set disjoint from what follows it) is matched
/// without a regular-expression engine when its groups allow few ways through (at most 64), and otherwise runs on the
/// compiled backtracking engine; any other pattern runs on the non-backtracking engine, or, when it needs
/// look-around, on the backtracking engine. Every engine runs under a 200 ms timeout, and a timeout counts as no match.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CompiledPattern
{
    private readonly EcmaRegex _regex;

    private CompiledPattern(EcmaRegex regex) => _regex = regex;

    /// <summary>The pattern as written in the schema.</summary>
    public string Pattern => _regex.Pattern;

    /// <summary>Builds <paramref name="pattern"/>.</summary>
    public static CompiledPattern Create(string pattern) => new(EcmaRegex.Create(pattern, TimeSpan.FromMilliseconds(200), preferCompiled: true));

    /// <summary>Whether <paramref name="value"/> matches (a timeout counts as no match).</summary>
    public bool IsMatch(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsMatch(value.AsSpan());
    }

    /// <summary>Whether <paramref name="value"/> matches (a timeout counts as no match).</summary>
    public bool IsMatch(ReadOnlySpan<char> value) => _regex.IsMatch(value, out var timedOut) && !timedOut;
}
