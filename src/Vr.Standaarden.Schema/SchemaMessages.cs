using System.Globalization;
using System.Text.Json;

namespace Vr.Standaarden.Schema;

/// <summary>
/// The one catalogue of texts for schema failures, in English and Dutch. The engine (<see cref="JsonSchema"/>) and the
/// code that Vr.Standaarden.Generator writes both take their texts from here, so one failure reads the same whichever
/// found it. Values are shown as <see cref="Show(JsonElement)"/> shows them: strings quoted and shortened, other values as
/// their JSON text.
/// </summary>
public static class SchemaMessages
{
    private const int Longest = 60;

    /// <summary>A value as the texts show it: a string between single quotes, shortened past 60 characters; other values as JSON text.</summary>
    public static string Show(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? Show(value.GetString()!) : Shorten(value.GetRawText());

    /// <summary>A string value as the texts show it: between single quotes, shortened past 60 characters.</summary>
    public static string Show(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + Shorten(value) + "'";
    }

    /// <summary>A string value as the texts show it: between single quotes, shortened past 60 characters.</summary>
    public static string Show(ReadOnlySpan<char> value) =>
        value.Length <= Longest ? string.Concat("'", value, "'") : string.Concat("'", value[..(Longest - 3)], "...'");

    /// <summary>A number as the texts show it: its shortest round-trip form.</summary>
    public static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A number as the texts show it.</summary>
    public static string Show(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>required</c>: a property is missing.</summary>
    public static LocalizedText Required(string property) =>
        new($"Required property '{property}' is missing.", $"Het verplichte veld '{property}' ontbreekt.");

    /// <summary><c>additionalProperties</c> or <c>unevaluatedProperties</c> is <c>false</c> and the property is not declared.</summary>
    public static LocalizedText NotAllowed(string property) =>
        new($"Property '{property}' is not allowed.", $"Het veld '{property}' is niet toegestaan.");

    /// <summary><c>type</c>: the value has none of <paramref name="types"/> (JSON Schema type names).</summary>
    public static LocalizedText Type(IReadOnlyList<string> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return new($"The value must be {Join(types.Select(EnglishType), "or")}.", $"De waarde moet {Join(types.Select(DutchType), "of")} zijn.");
    }

    /// <summary><c>type</c> with one type name.</summary>
    public static LocalizedText Type(string type) => Type([type]);

    /// <summary><c>const</c>: the value is not <paramref name="expected"/> (shown).</summary>
    public static LocalizedText Const(string expected) =>
        new($"The value must be {expected}.", $"De waarde moet {expected} zijn.");

    /// <summary><c>enum</c>: the value (shown) is not one of the allowed values.</summary>
    public static LocalizedText Enum(string value) =>
        new($"{value} is not one of the allowed values.", $"{value} is geen van de toegestane waarden.");

    /// <summary><c>pattern</c>: the text (shown) does not match.</summary>
    public static LocalizedText Pattern(string value, string pattern) =>
        new($"{value} does not match the pattern {pattern}.", $"{value} voldoet niet aan het patroon {pattern}.");

    /// <summary><c>pattern</c> could not be decided within the time limit.</summary>
    public static LocalizedText PatternTimeout(string value, string pattern) =>
        new($"Matching {value} against the pattern {pattern} took longer than the limit.", $"Het toetsen van {value} aan het patroon {pattern} duurde langer dan de grens.");

    /// <summary><c>format</c>: the value (shown) is not a valid <paramref name="format"/>.</summary>
    public static LocalizedText Format(string value, string format) =>
        new($"{value} is not a valid {format}.", $"{value} is geen geldige {format}.");

    /// <summary><c>minLength</c>.</summary>
    public static LocalizedText MinLength(long limit) =>
        new($"The text is shorter than {limit} characters.", $"De tekst is korter dan {limit} tekens.");

    /// <summary><c>maxLength</c>.</summary>
    public static LocalizedText MaxLength(long limit) =>
        new($"The text is longer than {limit} characters.", $"De tekst is langer dan {limit} tekens.");

    /// <summary><c>minItems</c>.</summary>
    public static LocalizedText MinItems(long limit) =>
        new($"The array has fewer than {limit} items.", $"De array heeft minder dan {limit} elementen.");

    /// <summary><c>maxItems</c>.</summary>
    public static LocalizedText MaxItems(long limit) =>
        new($"The array has more than {limit} items.", $"De array heeft meer dan {limit} elementen.");

    /// <summary><c>minProperties</c>.</summary>
    public static LocalizedText MinProperties(long limit) =>
        new($"The object has fewer than {limit} members.", $"Het object heeft minder dan {limit} velden.");

    /// <summary><c>maxProperties</c>.</summary>
    public static LocalizedText MaxProperties(long limit) =>
        new($"The object has more than {limit} members.", $"Het object heeft meer dan {limit} velden.");

    /// <summary><c>minimum</c>: <paramref name="value"/> and <paramref name="limit"/> as JSON numbers.</summary>
    public static LocalizedText Minimum(string value, string limit) =>
        new($"{value} is less than the minimum {limit}.", $"{value} is kleiner dan het minimum {limit}.");

    /// <summary><c>maximum</c>.</summary>
    public static LocalizedText Maximum(string value, string limit) =>
        new($"{value} is greater than the maximum {limit}.", $"{value} is groter dan het maximum {limit}.");

    /// <summary><c>exclusiveMinimum</c>.</summary>
    public static LocalizedText ExclusiveMinimum(string value, string limit) =>
        new($"{value} must be greater than {limit}.", $"{value} moet groter zijn dan {limit}.");

    /// <summary><c>exclusiveMaximum</c>.</summary>
    public static LocalizedText ExclusiveMaximum(string value, string limit) =>
        new($"{value} must be less than {limit}.", $"{value} moet kleiner zijn dan {limit}.");

    /// <summary><c>multipleOf</c>.</summary>
    public static LocalizedText MultipleOf(string value, string divisor) =>
        new($"{value} is not a multiple of {divisor}.", $"{value} is geen veelvoud van {divisor}.");

    /// <summary><c>uniqueItems</c>: items <paramref name="first"/> and <paramref name="second"/> are equal.</summary>
    public static LocalizedText UniqueItems(int first, int second) =>
        new($"Items {first} and {second} are equal; items must be unique.", $"De elementen {first} en {second} zijn gelijk; elementen moeten uniek zijn.");

    /// <summary><c>dependentRequired</c>.</summary>
    public static LocalizedText DependentRequired(string property, string present) =>
        new($"Property '{property}' is required when '{present}' is present.", $"Het veld '{property}' is verplicht als '{present}' er is.");

    /// <summary>The schema <c>false</c>.</summary>
    public static LocalizedText False() =>
        new("No value is allowed here.", "Hier is geen waarde toegestaan.");

    /// <summary><c>anyOf</c>.</summary>
    public static LocalizedText AnyOf() =>
        new("The value matches none of the alternatives (anyOf).", "De waarde past bij geen van de alternatieven (anyOf).");

    /// <summary><c>oneOf</c> with no match.</summary>
    public static LocalizedText OneOfNone() =>
        new("The value matches none of the alternatives (oneOf); exactly one must match.", "De waarde past bij geen van de alternatieven (oneOf); er moet precies één passen.");

    /// <summary><c>oneOf</c> with more than one match.</summary>
    public static LocalizedText OneOfMany(int count) =>
        new($"The value matches {count} of the alternatives (oneOf); exactly one must match.", $"De waarde past bij {count} van de alternatieven (oneOf); er moet precies één passen.");

    /// <summary><c>allOf</c>.</summary>
    public static LocalizedText AllOf() =>
        new("The value does not match every schema of allOf.", "De waarde voldoet niet aan elk schema van allOf.");

    /// <summary><c>not</c>.</summary>
    public static LocalizedText Not() =>
        new("The value matches the schema of 'not'.", "De waarde voldoet aan het schema van 'not'.");

    /// <summary><c>if</c>/<c>then</c>/<c>else</c>.</summary>
    public static LocalizedText Conditional(bool ifHolds) => ifHolds
        ? new("The value matches 'if' but not 'then'.", "De waarde voldoet aan 'if' maar niet aan 'then'.")
        : new("The value matches neither 'if' nor 'else'.", "De waarde voldoet niet aan 'if' en niet aan 'else'.");

    /// <summary><c>dependentSchemas</c>.</summary>
    public static LocalizedText DependentSchema(string present) =>
        new($"The value does not match the schema that applies when '{present}' is present.", $"De waarde voldoet niet aan het schema dat geldt als '{present}' er is.");

    /// <summary><c>$ref</c> and its relatives.</summary>
    public static LocalizedText Reference(string reference) =>
        new($"The value does not match the schema referenced by '{reference}'.", $"De waarde voldoet niet aan het schema waar '{reference}' naar verwijst.");

    /// <summary>A reference that leads back to itself without advancing in the instance.</summary>
    public static LocalizedText ReferenceCycle(string reference) =>
        new($"Reference '{reference}' leads back to itself without advancing in the instance (a reference cycle).", $"De verwijzing '{reference}' leidt naar zichzelf terug zonder verder te komen in de waarde (een kringverwijzing).");

    /// <summary>The members of <c>properties</c> or <c>patternProperties</c> that fail are reported one by one; this is their summary.</summary>
    public static LocalizedText Properties() =>
        new("One or more properties do not match their schemas.", "Eén of meer velden voldoen niet aan hun schema.");

    /// <summary><c>additionalProperties</c> or <c>unevaluatedProperties</c> with a schema that a property fails.</summary>
    public static LocalizedText RemainingProperty(string property) =>
        new($"Property '{property}' does not match the schema for other properties.", $"Het veld '{property}' voldoet niet aan het schema voor overige velden.");

    /// <summary><c>propertyNames</c>.</summary>
    public static LocalizedText PropertyName(string property) =>
        new($"Property name '{property}' does not match the schema of propertyNames.", $"De veldnaam '{property}' voldoet niet aan het schema van propertyNames.");

    /// <summary>An item fails the schema that <c>items</c>, <c>prefixItems</c> or <c>unevaluatedItems</c> gives it.</summary>
    public static LocalizedText Item(int index) =>
        new($"Item {index} does not match its schema.", $"Element {index} voldoet niet aan zijn schema.");

    /// <summary>An item that <c>items: false</c> or <c>unevaluatedItems: false</c> does not allow.</summary>
    public static LocalizedText ItemNotAllowed(int index) =>
        new($"Item {index} is not allowed.", $"Element {index} is niet toegestaan.");

    /// <summary><c>contains</c> and <c>minContains</c>.</summary>
    public static LocalizedText ContainsTooFew(long matches, long minimum) =>
        new($"{matches} items match the schema of contains; at least {minimum} must.", $"{matches} elementen voldoen aan het schema van contains; het moeten er minstens {minimum} zijn.");

    /// <summary><c>maxContains</c>.</summary>
    public static LocalizedText ContainsTooMany(long matches, long maximum) =>
        new($"{matches} items match the schema of contains; at most {maximum} may.", $"{matches} elementen voldoen aan het schema van contains; het mogen er hoogstens {maximum} zijn.");

    private static string Shorten(string text) => text.Length <= Longest ? text : string.Concat(text.AsSpan(0, Longest - 3), "...");

    private static string Join(IEnumerable<string> words, string conjunction)
    {
        var list = words.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list.Take(list.Count - 1))} {conjunction} {list[^1]}";
    }

    private static string EnglishType(string type) => type switch
    {
        "object" => "an object",
        "array" => "an array",
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "a boolean",
        _ => type,
    };

    private static string DutchType(string type) => type switch
    {
        "object" => "een object",
        "array" => "een array",
        "string" => "een tekst",
        "integer" => "een geheel getal",
        "number" => "een getal",
        "boolean" => "true of false",
        _ => type,
    };
}
