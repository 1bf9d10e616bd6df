using System.Text.Json.Serialization;
using Vr.Standaarden.Begrippen.Internal;

namespace Vr.Standaarden.Begrippen;

/// <summary>
/// Organisatie-identificatienummer: 20 positions, an eight-digit prefix that says what kind of number follows
/// (<see cref="Soort"/>), then the number and a suffix of zeros. Safety regions and their units without legal
/// personality use a SubOIN (prefix 00000004) under the OIN of a legal entity.
/// </summary>
[JsonConverter(typeof(TextValueJsonConverter<Oin>))]
public readonly record struct Oin : ITextValue<Oin>
{
    private const int Length = 20, PrefixLength = 8;
    private readonly string? _value;

    private Oin(string value) => _value = value;

    /// <summary>The eight-digit prefix, for example <c>00000004</c>.</summary>
    public string Prefix => Value[..PrefixLength];

    /// <summary>The kind of number, from the prefix.</summary>
    public OinSoort Soort => (OinSoort)int.Parse(Prefix, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The twelve positions after the prefix: the number and its suffix of zeros.</summary>
    public string Nummer => Value[PrefixLength..];

    /// <summary>Whether this is a SubOIN (prefix 00000004).</summary>
    public bool IsSubOin => Soort == OinSoort.SubOin;

    /// <summary>Whether this is a test OIN (prefix 00000099).</summary>
    public bool IsTest => Soort == OinSoort.Test;

    private string Value => _value ?? throw new InvalidOperationException("This Oin is the default value and holds no number.");

    /// <summary>Reads an OIN. Throws <see cref="FormatException"/> with a message that says what is wrong.</summary>
    public static Oin Parse(string s) => TextValue.Parse<Oin>(s);

    /// <summary>Reads an OIN.</summary>
    public static bool TryParse(string? s, out Oin result) => Check(s, out result) is null;

    /// <summary>Reads an OIN; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? s, out Oin result, out string? error) => TextValue.TryParse(s, out result, out error);


    static string? ITextValue<Oin>.Check(string? text, out Oin value) => Check(text, out value);

    private static string? Check(string? s, out Oin value)
    {
        value = default;
        if (string.IsNullOrEmpty(s) || s.Length != Length)
        {
            return $"An OIN has {Length} positions; {Text.Quote(s)} has {s?.Length ?? 0}.";
        }

        var bad = Text.FirstNonDigit(s.AsSpan(0, PrefixLength));
        if (bad >= 0)
        {
            return $"An OIN starts with an eight-digit prefix; position {bad + 1} of '{s}' is '{s[bad]}'.";
        }

        for (var i = PrefixLength; i < Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(s[i]))
            {
                return $"An OIN holds digits and letters only; position {i + 1} of '{s}' is '{s[i]}'.";
            }
        }

        var prefix = s[..PrefixLength];
        if (!Enum.IsDefined((OinSoort)int.Parse(prefix, System.Globalization.CultureInfo.InvariantCulture)))
        {
            return $"'{prefix}' is not an OIN prefix; the prefixes are 00000001 to 00000009 and 00000099 (test).";
        }

        // Numbers whose form the OIN-stelsel fixes: RSIN and SubOIN are 9 digits + 000, a KvK-nummer 8 digits + 0000.
        var digits = (OinSoort)int.Parse(prefix, System.Globalization.CultureInfo.InvariantCulture) switch
        {
            OinSoort.Rsin or OinSoort.SubOin => 9,
            OinSoort.KvkNummer => 8,
            _ => 0,
        };
        if (digits > 0)
        {
            var number = s.AsSpan(PrefixLength, digits);
            var suffix = s.AsSpan(PrefixLength + digits);
            if (Text.FirstNonDigit(number) >= 0 || suffix.ContainsAnyExcept('0'))
            {
                return $"After prefix {prefix} an OIN holds a {digits}-digit number followed by {new string('0', Length - PrefixLength - digits)}; '{s}' does not.";
            }
        }

        value = new Oin(s);
        return null;
    }

    /// <summary>The 20 positions.</summary>
    public override string ToString() => _value ?? "";
}
