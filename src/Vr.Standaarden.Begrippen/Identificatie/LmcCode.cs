using System.Text.Json.Serialization;
using Vr.Standaarden.Begrippen.Internal;

namespace Vr.Standaarden.Begrippen;

/// <summary>
/// Code of the Landelijke Meldingsclassificatie: two characters per level, so 2 (MC1), 4 (MC2) or 6 (MC3)
/// characters, as in <c>br</c>, <c>brgb</c>, <c>brgb01</c>. Levels 1 and 2 are lower-case letters; level 3 is
/// two lower-case letters or two digits. Whether a code is listed is a question for the code list
/// <c>meldingsclassificatie</c>, which is open.
/// </summary>
[JsonConverter(typeof(TextValueJsonConverter<LmcCode>))]
public readonly record struct LmcCode : ITextValue<LmcCode>
{
    private readonly string? _value;

    private LmcCode(string value) => _value = value;

    /// <summary>The level: 1 (MC1), 2 (MC2) or 3 (MC3).</summary>
    public int Niveau => (_value?.Length ?? 0) / 2;

    /// <summary>The code one level up, or <c>null</c> for an MC1 code.</summary>
    public LmcCode? Bovenliggend => Niveau > 1 ? new LmcCode(_value![..^2]) : null;

    /// <summary>Reads a code. Throws <see cref="FormatException"/> with a message that says what is wrong.</summary>
    public static LmcCode Parse(string s) => TextValue.Parse<LmcCode>(s);

    /// <summary>Reads a code.</summary>
    public static bool TryParse(string? s, out LmcCode result) => Check(s, out result) is null;

    /// <summary>Reads a code; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? s, out LmcCode result, out string? error) => TextValue.TryParse(s, out result, out error);


    static string? ITextValue<LmcCode>.Check(string? text, out LmcCode value) => Check(text, out value);

    private static string? Check(string? s, out LmcCode value)
    {
        value = default;
        if (s is not { Length: 2 or 4 or 6 })
        {
            return $"An LMC code has 2, 4 or 6 characters (two per level); {Text.Quote(s)} has {s?.Length ?? 0}.";
        }

        for (var i = 0; i < s.Length; i++)
        {
            var level3Digits = i >= 4 && char.IsAsciiDigit(s[4]) && char.IsAsciiDigit(s[5]);
            if (!char.IsAsciiLetterLower(s[i]) && !level3Digits)
            {
                return i >= 4
                    ? $"Level 3 of an LMC code is two lower-case letters or two digits; '{s}' has '{s[4..]}'."
                    : $"Levels 1 and 2 of an LMC code are lower-case letters; position {i + 1} of '{s}' is '{s[i]}'.";
            }
        }

        value = new LmcCode(s);
        return null;
    }

    /// <summary>The code, for example <c>brgb01</c>.</summary>
    public override string ToString() => _value ?? "";
}
