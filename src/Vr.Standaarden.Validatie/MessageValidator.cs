using System.Text.Json;
using Vr.Standaarden.Model;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Validatie.Internal;

namespace Vr.Standaarden.Validatie;

/// <summary>
/// Validates messages of the standard: the envelope (<c>bericht</c>) and its data against the schemas of the release
/// named in <c>dataschema</c>, then the <see cref="DomainRules"/>. Schema errors and rule findings come back in one
/// <see cref="ValidationResult"/>. Thread-safe; build once and reuse.
/// </summary>
public sealed class MessageValidator
{
    private const string TypePrefix = "nl.veiligheidsregio.";
    private readonly ValidationOptions _options;

    /// <summary>A validator with <paramref name="options"/>, or the defaults.</summary>
    public MessageValidator(ValidationOptions? options = null) => _options = options ?? new ValidationOptions();

    /// <summary>
    /// Validates a message given as UTF-8 JSON (a byte order mark is skipped). Text that is not JSON gives one finding
    /// <see cref="DomainRules.JsonCode"/> with its line and column.
    /// </summary>
    public ValidationResult Validate(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8Json = utf8Json[3..];
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            var where = $"line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}";
            return new ValidationResult(null, [new Finding(DomainRules.JsonCode, Severity.Error, "", $"Not JSON ({where}): {ex.Message}", $"Geen JSON ({where}): {ex.Message}")]);
        }

        using (document)
        {
            return Validate(document.RootElement);
        }
    }

    /// <summary>
    /// Validates a message held as the generated model: it is written as the standard writes it and checked like any
    /// other message, so a model built in code gets the same schema and rule findings as one that arrived as JSON.
    /// </summary>
    public ValidationResult Validate(Bericht message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Validate(Messages.Write(message));
    }

    /// <summary>Validates a message.</summary>
    public ValidationResult Validate(JsonElement message)
    {
        var dataschema = message.ValueKind == JsonValueKind.Object ? RuleContext.Text(message, "dataschema") : null;
        if (!StandardSchemas.TryParseId(dataschema, out var release, out var entity) || !StandardSchemas.Releases.Contains(release))
        {
            var known = string.Join(", ", StandardSchemas.Releases);
            return new ValidationResult(null,
            [
                new Finding(DomainRules.ReleaseCode, Severity.Error, "/dataschema",
                    $"dataschema {(dataschema is null ? "is missing" : $"'{dataschema}' is not a schema of a known release")}; expected {StandardSchemas.BaseUri}<release>/schemas/<entity>.schema.json with release {known}.",
                    $"dataschema {(dataschema is null ? "ontbreekt" : $"'{dataschema}' is geen schema van een bekende release")}; verwacht {StandardSchemas.BaseUri}<release>/schemas/<entiteit>.schema.json met release {known}."),
            ]);
        }

        var findings = new List<Finding>();
        var result = StandardSchemas.Get(release, "bericht").Evaluate(message, OutputFormat.List);
        foreach (var error in result.MostSpecificErrors)
        {
            findings.Add(new Finding(DomainRules.SchemaCode, Severity.Error, error.InstanceLocation, error.Message, $"Voldoet niet aan het schema ({error.Keyword}): {error.Message}", error.Keyword));
        }

        // Rules look at the data as the entity its type names; an unknown type still gets the envelope rules.
        var type = RuleContext.Text(message, "type");
        var dataEntity = type is not null && type.StartsWith(TypePrefix, StringComparison.Ordinal) && StandardSchemas.Names(release).Contains(entity) ? entity : "";
        var context = new RuleContext(message, release, dataEntity, _options);
        foreach (var rule in DomainRules.Instances)
        {
            rule.Evaluate(context);
        }

        findings.AddRange(context.Findings);
        return new ValidationResult(release, findings);
    }
}
