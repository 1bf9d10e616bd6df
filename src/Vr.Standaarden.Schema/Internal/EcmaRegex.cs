using System.Text;
using System.Text.RegularExpressions;

namespace Vr.Standaarden.Schema.Internal;

/// <summary>
/// A <c>pattern</c> compiled for .NET with ECMA-262 meaning where the two differ (<c>\d</c>, <c>\w</c>, <c>\s</c> and
/// their negations are ASCII/ECMA sets, <c>$</c> is the end of input), and bounded in time: the pattern runs on the
/// non-backtracking engine (linear in the input) unless it needs look-around or back-references, in which case it
/// runs on the backtracking engine with a match timeout.
/// </summary>
internal sealed class EcmaRegex
{
    private const string EcmaSpace = @"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
    private readonly Regex _regex;
    private readonly LinearPattern.Matcher? _matcher;

    // ECMA-262 accepts the long names of the Unicode general categories; .NET knows only the short ones.
    private static readonly Dictionary<string, string> UnicodeProperties = new(StringComparer.Ordinal)
    {
        ["Letter"] = "L", ["Cased_Letter"] = "L", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll", ["Titlecase_Letter"] = "Lt",
        ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo", ["Mark"] = "M", ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc",
        ["Enclosing_Mark"] = "Me", ["Number"] = "N", ["Decimal_Number"] = "Nd", ["digit"] = "Nd", ["Letter_Number"] = "Nl",
        ["Other_Number"] = "No", ["Punctuation"] = "P", ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd",
        ["Open_Punctuation"] = "Ps", ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi", ["Final_Punctuation"] = "Pf",
        ["Other_Punctuation"] = "Po", ["Symbol"] = "S", ["Math_Symbol"] = "Sm", ["Currency_Symbol"] = "Sc", ["Modifier_Symbol"] = "Sk",
        ["Other_Symbol"] = "So", ["Separator"] = "Z", ["Space_Separator"] = "Zs", ["Line_Separator"] = "Zl",
        ["Paragraph_Separator"] = "Zp", ["Other"] = "C", ["Control"] = "Cc", ["Format"] = "Cf", ["Surrogate"] = "Cs",
        ["Private_Use"] = "Co", ["Unassigned"] = "Cn",
    };

    private EcmaRegex(string pattern, Regex regex, TimeSpan timeout, LinearPattern.Matcher? matcher = null)
    {
        Pattern = pattern;
        _regex = regex;
        Timeout = timeout;
        _matcher = matcher;
    }

    public string Pattern { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Whether the pattern runs on the backtracking engine (and so under the match timeout).</summary>
    public bool Backtracking => _matcher is null && (_regex.Options & RegexOptions.NonBacktracking) == 0;

    /// <summary>Whether the pattern is matched without a regular-expression engine.</summary>
    public bool Direct => _matcher is not null;

    /// <summary>
    /// Builds the pattern on .NET's non-backtracking engine (linear time), or on the backtracking engine under
    /// <paramref name="timeout"/> when it needs look-around or back-references. With <paramref name="preferCompiled"/>,
    /// a pattern that <see cref="LinearPattern"/> proves linear runs on the compiled backtracking engine, which is an
    /// order of magnitude faster for the short anchored patterns of message schemas, or, unless
    /// <paramref name="allowDirect"/> is off, is matched without a regular-expression engine when
    /// <see cref="LinearPattern.TryCreateMatcher"/> accepts it.
    /// </summary>
    public static EcmaRegex Create(string pattern, TimeSpan timeout, bool preferCompiled = false, bool allowDirect = true)
    {
        var translated = Translate(pattern);
        if (preferCompiled && allowDirect && LinearPattern.TryCreateMatcher(pattern) is { } matcher)
        {
            // The matcher decides every input; the interpreted regex is only built to reject what .NET cannot parse,
            // without the cost of compiling code that would never run.
            return new EcmaRegex(pattern, new Regex(translated, RegexOptions.CultureInvariant, timeout), timeout, matcher);
        }

        if (preferCompiled && LinearPattern.IsLinear(pattern))
        {
            return new EcmaRegex(pattern, new Regex(translated, RegexOptions.CultureInvariant | RegexOptions.Compiled, timeout), timeout);
        }

        Regex regex;
        try
        {
            regex = new Regex(translated, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            regex = new Regex(translated, RegexOptions.CultureInvariant, timeout);
        }

        return new EcmaRegex(pattern, regex, timeout);
    }

    /// <summary>Whether <paramref name="pattern"/> is a regular expression this engine accepts.</summary>
    public static bool IsValid(string pattern)
    {
        try
        {
            _ = new Regex(Translate(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="pattern"/> is an ECMA-262 regular expression: valid for .NET, and free of .NET-only
    /// syntax (inline options and comments, escapes such as <c>\a</c>, <c>\A</c> or <c>\z</c>).
    /// </summary>
    public static bool IsValidEcma262(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                if (char.IsAsciiLetter(next) && !"dDwWsSbBfnrtvcxupPk".Contains(next, StringComparison.Ordinal))
                {
                    return false;
                }
            }
            else if (c == '(' && i + 1 < pattern.Length && pattern[i + 1] == '?')
            {
                var rest = pattern.AsSpan(i + 2);
                if (!(rest.StartsWith(":") || rest.StartsWith("=") || rest.StartsWith("!") || rest.StartsWith("<=") || rest.StartsWith("<!") ||
                      (rest.StartsWith("<") && rest.Length > 1 && char.IsAsciiLetter(rest[1]))))
                {
                    return false;
                }
            }
        }

        return IsValid(pattern);
    }

    public bool IsMatch(ReadOnlySpan<char> input, out bool timedOut)
    {
        timedOut = false;
        if (_matcher is not null)
        {
            return _matcher.IsMatch(input);
        }

        try
        {
            return _regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            timedOut = true;
            return false;
        }
    }

    internal static string Translate(string pattern)
    {
        var builder = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                switch (next)
                {
                    case 'd':
                        builder.Append(inClass ? "0-9" : "[0-9]");
                        break;
                    case 'D' when !inClass:
                        builder.Append("[^0-9]");
                        break;
                    case 'w':
                        builder.Append(inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]");
                        break;
                    case 'W' when !inClass:
                        builder.Append("[^a-zA-Z0-9_]");
                        break;
                    case 's':
                        builder.Append(inClass ? EcmaSpace : "[" + EcmaSpace + "]");
                        break;
                    case 'S' when !inClass:
                        builder.Append("[^" + EcmaSpace + "]");
                        break;
                    case 'p' or 'P' when i + 1 < pattern.Length && pattern[i + 1] == '{':
                        var close = pattern.IndexOf('}', i + 2);
                        if (close < 0)
                        {
                            goto default;
                        }

                        var property = pattern[(i + 2)..close];
                        builder.Append('\\').Append(next).Append('{').Append(UnicodeProperties.GetValueOrDefault(property, property)).Append('}');
                        i = close;
                        break;
                    default:
                        builder.Append('\\').Append(next);
                        break;
                }

                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }

                builder.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    builder.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        builder.Append('^');
                        i++;
                    }

                    // In ECMA-262 a ']' right after '[' or '[^' closes an empty class; in .NET it is a literal.
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        var negated = pattern[i] == '^';
                        builder.Length -= negated ? 2 : 1;
                        builder.Append(negated ? "[\\s\\S]" : "[^\\s\\S]");
                        inClass = false;
                        i++;
                    }

                    break;
                case '$':
                    builder.Append(@"\z");
                    break;
                case '.':
                    // ECMA-262 '.' stops at every line terminator; .NET's only at '\n'.
                    builder.Append(@"[^\n\r\u2028\u2029]");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
