using System.Text.Json;
using Vr.Standaarden.Model;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Schema.Input;
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
    /// Validates a message given as UTF-8 JSON (a byte order mark is skipped). Bytes that cannot be read give one located
    /// finding and nothing else: <see cref="DomainRules.LimitCode"/> for a message beyond <see cref="ValidationOptions.Limits"/>,
    /// <see cref="DomainRules.EncodingCode"/> for one that is not UTF-8, <see cref="DomainRules.JsonCode"/> for one that is
    /// not JSON, <see cref="DomainRules.DuplicateMemberCode"/> for one with a member name twice in an object.
    /// </summary>
    public ValidationResult Validate(ReadOnlySpan<byte> utf8Json)
    {
        if (SizeOrEncoding(utf8Json) is { } unreadable)
        {
            return unreadable;
        }

        // Syntax, depth and duplicate member names, located, before the document is built.
        var limits = _options.Limits ?? InputLimits.Default;
        if (JsonInput.CheckSyntax(utf8Json, limits.MaxDepth) is { } problem)
        {
            return Unreadable(CodeOf(problem), problem);
        }

        using var document = JsonInput.ParseDocument(utf8Json, limits, nameof(MessageValidator));
        return Validated(utf8Json, document.RootElement);
    }

    /// <summary>
    /// Validates a message whose syntax the caller has already checked (<see cref="JsonInput.Check"/>, or a binding's
    /// read of it) and which it parsed into <paramref name="parsed"/> (<see cref="JsonInput.Parse"/>): the bytes are
    /// checked for size and encoding, and read by the generated readers where those are on, but not parsed again.
    /// </summary>
    /// <param name="utf8Json">The message's bytes.</param>
    /// <param name="parsed">The same message, parsed.</param>
    public ValidationResult Validate(ReadOnlySpan<byte> utf8Json, JsonElement parsed) =>
        SizeOrEncoding(utf8Json) ?? Validated(utf8Json, parsed);

    // The finding for bytes beyond the size limit or not UTF-8, or null.
    private ValidationResult? SizeOrEncoding(ReadOnlySpan<byte> utf8Json)
    {
        var limits = _options.Limits ?? InputLimits.Default;
        if (JsonInput.CheckSize(utf8Json.Length, limits.MaxBytes) is { } tooLarge)
        {
            return Unreadable(DomainRules.LimitCode, tooLarge);
        }

        return JsonInput.CheckEncoding(utf8Json) is { } encoding ? Unreadable(DomainRules.EncodingCode, encoding) : null;
    }

    private ValidationResult Validated(ReadOnlySpan<byte> utf8Json, JsonElement message) =>
        Validate(message, _options.GeneratedReaders && ValidByGeneratedReaders(utf8Json, message));

    /// <summary>Whether the message is of the generated models' release and their readers find no violation of the schema.</summary>
    private static bool ValidByGeneratedReaders(ReadOnlySpan<byte> utf8Json, JsonElement message) =>
        message.ValueKind == JsonValueKind.Object
        && StandardSchemas.TryParseId(RuleContext.Text(message, "dataschema"), out var release, out _)
        && release == Model.Messages.Release
        && Model.Messages.Validate(utf8Json).Count == 0;

    /// <summary>
    /// Validates a message read from <paramref name="utf8Json"/> to its end. A stream longer than
    /// <see cref="ValidationOptions.Limits"/> allows gives <see cref="DomainRules.LimitCode"/> with its true length; no more
    /// than the limit is held in memory.
    /// </summary>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public ValidationResult Validate(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        var limit = (_options.Limits ?? InputLimits.Default).MaxBytes;
        return JsonInput.ReadAll(utf8Json, limit, out var length) is { } bytes
            ? Validate(bytes)
            : Unreadable(DomainRules.LimitCode, JsonInput.CheckSize(length, limit)!);
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
    public ValidationResult Validate(JsonElement message) => Validate(message, schemaChecked: false);

    private ValidationResult Validate(JsonElement message, bool schemaChecked)
    {
        var dataschema = message.ValueKind == JsonValueKind.Object ? RuleContext.Text(message, "dataschema") : null;
        if (!StandardSchemas.TryParseId(dataschema, out var release, out var entity) || !StandardSchemas.Releases.Contains(release))
        {
            var known = string.Join(", ", StandardSchemas.Releases);
            return new ValidationResult(null,
            [
                new Finding(DomainRules.ReleaseCode, Severity.Error, "/dataschema", new LocalizedText(
                    $"dataschema {(dataschema is null ? "is missing" : $"'{dataschema}' is not a schema of a known release")}; expected {StandardSchemas.BaseUri}<release>/schemas/<entity>.schema.json with release {known}.",
                    $"dataschema {(dataschema is null ? "ontbreekt" : $"'{dataschema}' is geen schema van een bekende release")}; verwacht {StandardSchemas.BaseUri}<release>/schemas/<entiteit>.schema.json met release {known}.")),
            ]);
        }

        var findings = new List<Finding>();
        if (!schemaChecked)
        {
            var result = StandardSchemas.Get(release, "bericht").Evaluate(message, OutputFormat.List);
            foreach (var error in result.MostSpecificErrors)
            {
                findings.Add(new Finding(DomainRules.SchemaCode, Severity.Error, error.InstanceLocation, error.Text, error.Keyword));
            }
        }

        // Rules look at the data as the entity its type names; an unknown type still gets the envelope rules.
        var type = RuleContext.Text(message, "type");
        var dataEntity = type is not null && type.StartsWith(TypePrefix, StringComparison.Ordinal) && StandardSchemas.Names(release).Contains(entity) ? entity : "";
        var context = new RuleContext(message, release, dataEntity, _options);
        foreach (var rule in DomainRules.Instances)
        {
            rule.Evaluate(context);
        }

        context.WalkFields(DomainRules.FieldRules);
        context.Walk(DomainRules.ObjectRules, DomainRules.PositionRules);

        findings.AddRange(context.Findings);
        return new ValidationResult(release, findings);
    }

    private static ValidationResult Unreadable(string code, InputProblem problem) =>
        new(null, [new Finding(code, Severity.Error, problem.InstanceLocation ?? "", problem.Text)]);

    /// <summary>The code of an input problem of the JSON itself.</summary>
    internal static string CodeOf(InputProblem problem) => problem.Kind switch
    {
        InputProblemKind.TooLarge or InputProblemKind.TooDeep => DomainRules.LimitCode,
        InputProblemKind.DuplicateMember => DomainRules.DuplicateMemberCode,
        InputProblemKind.Syntax => DomainRules.JsonCode,
        _ => DomainRules.EncodingCode,
    };
}
