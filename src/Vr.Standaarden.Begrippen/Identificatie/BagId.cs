using System.Globalization;
using System.Text.Json.Serialization;
using Vr.Standaarden.Begrippen.Internal;

namespace Vr.Standaarden.Begrippen;

/// <summary>
/// BAG identifier: 16 digits, being the four-digit municipality code, the two-digit <see cref="BagObjectType"/> and a
/// ten-digit sequence number. Kept as text: the leading zeros matter.
/// </summary>
[JsonConverter(typeof(TextValueJsonConverter<BagId>))]
public readonly record struct BagId : ITextValue<BagId>
{
    private const int Length = 16;
    private readonly string? _value;

    private BagId(string value) => _value = value;

    /// <summary>The municipality that issued the identifier.</summary>
    public GemeenteCode Gemeente => GemeenteCode.FromNummer(int.Parse(Value.AsSpan(0, 4), CultureInfo.InvariantCulture));

    /// <summary>The object type.</summary>
    public BagObjectType ObjectType => (BagObjectType)int.Parse(Value.AsSpan(4, 2), CultureInfo.InvariantCulture);

    /// <summary>The ten-digit sequence number within municipality and type.</summary>
    public long Volgnummer => long.Parse(Value.AsSpan(6), CultureInfo.InvariantCulture);

    private string Value => _value ?? throw new InvalidOperationException("This BagId is the default value and holds no identifier.");

    /// <summary>The identifier from its parts.</summary>
    public static BagId Create(GemeenteCode gemeente, BagObjectType objectType, long volgnummer)
    {
        if (!Enum.IsDefined(objectType))
        {
            throw new ArgumentOutOfRangeException(nameof(objectType), objectType, "Not a BAG object type.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(volgnummer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(volgnummer, 9_999_999_999L);
        return new BagId(string.Create(CultureInfo.InvariantCulture, $"{gemeente.BagPrefix}{(int)objectType:D2}{volgnummer:D10}"));
    }

    /// <summary>Reads a 16-digit identifier. Throws <see cref="FormatException"/> with a message that says what is wrong.</summary>
    public static BagId Parse(string s) => TextValue.Parse<BagId>(s);

    /// <summary>Reads a 16-digit identifier.</summary>
    public static bool TryParse(string? s, out BagId result) => Check(s, out result) is null;

    /// <summary>Reads a 16-digit identifier; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? s, out BagId result, out string? error) => TextValue.TryParse(s, out result, out error);


    static string? ITextValue<BagId>.Check(string? text, out BagId value) => Check(text, out value);

    private static string? Check(string? s, out BagId value)
    {
        value = default;
        if (string.IsNullOrEmpty(s) || s.Length != Length)
        {
            return $"A BAG identifier has {Length} digits; {Text.Quote(s)} has {s?.Length ?? 0}.";
        }

        var bad = Text.FirstNonDigit(s);
        if (bad >= 0)
        {
            return $"A BAG identifier holds digits only; position {bad + 1} of '{s}' is '{s[bad]}'.";
        }

        if (!Enum.IsDefined((BagObjectType)int.Parse(s.AsSpan(4, 2), CultureInfo.InvariantCulture)))
        {
            return $"Positions 5–6 of a BAG identifier are the object type (01, 02, 03, 10, 20 or 30); '{s}' has '{s[4..6]}'.";
        }

        value = new BagId(s);
        return null;
    }

    /// <summary>The 16 digits.</summary>
    public override string ToString() => _value ?? "";
}
