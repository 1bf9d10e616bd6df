using System.ComponentModel;
using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema.Compiled;

/// <summary>
/// An ECMA-262 <c>pattern</c> built once for generated code: linear-time where .NET allows, otherwise under a 200 ms
/// timeout, where a timeout counts as no match, exactly as in <see cref="JsonSchema"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CompiledPattern
{
    private readonly EcmaRegex _regex;

    private CompiledPattern(EcmaRegex regex) => _regex = regex;

    /// <summary>The pattern as written in the schema.</summary>
    public string Pattern => _regex.Pattern;

    /// <summary>Builds <paramref name="pattern"/>.</summary>
    public static CompiledPattern Create(string pattern) => new(EcmaRegex.Create(pattern, TimeSpan.FromMilliseconds(200)));

    /// <summary>Whether <paramref name="value"/> matches (a timeout counts as no match).</summary>
    public bool IsMatch(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _regex.IsMatch(value, out var timedOut) && !timedOut;
    }
}
