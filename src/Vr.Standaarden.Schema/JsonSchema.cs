using System.Text;
using System.Text.Json;
using Vr.Standaarden.Schema.Internal;

namespace Vr.Standaarden.Schema;

/// <summary>
/// A JSON Schema (draft-07, 2019-09 or 2020-12), built once and evaluated any number of times.
/// </summary>
/// <remarks>
/// <para>Building checks the schema against its meta-schema, resolves every reference through the
/// <see cref="SchemaRegistry"/> (never the network) and compiles each keyword. The built schema is immutable and
/// thread-safe: evaluate it concurrently from as many threads as you like.</para>
/// <para>Evaluation in the <see cref="OutputFormat.Flag"/> format stops at the first failure and allocates nothing
/// for paths or messages; the other formats re-evaluate a failing instance to locate every error.</para>
/// </remarks>
/// <example>
/// <code>
/// var schema = JsonSchema.FromText("""{ "type": "object", "required": ["id"] }""");
/// var result = schema.Evaluate("""{ "naam": "x" }"""u8);
/// foreach (var error in result.Errors)
///     Console.WriteLine($"{error.InstanceLocation}: {error.Message}");
/// </code>
/// </example>
public sealed class JsonSchema
{
    private static readonly Uri DefaultBaseUri = new("urn:vr-standaarden:schema:root");
    private static readonly Lazy<JsonSchema>[] MetaSchemas =
    [
        new(() => BuildMeta(SchemaDialect.Draft7)),
        new(() => BuildMeta(SchemaDialect.Draft201909)),
        new(() => BuildMeta(SchemaDialect.Draft202012)),
    ];

    private readonly SchemaNode _root;
    private readonly JsonSchemaOptions _options;

    private JsonSchema(SchemaNode root, JsonSchemaOptions options, SchemaDialect dialect, Uri baseUri, JsonElement source)
    {
        _root = root;
        _options = options;
        Dialect = dialect;
        BaseUri = baseUri;
        Source = source;
    }

    /// <summary>The dialect of the root schema.</summary>
    public SchemaDialect Dialect { get; }

    /// <summary>The base URI of the root schema: its <c>$id</c>, or the URI it was built with.</summary>
    public Uri BaseUri { get; }

    /// <summary>The schema document as JSON.</summary>
    public JsonElement Source { get; }

    /// <summary>Builds a schema from JSON text.</summary>
    /// <exception cref="InvalidSchemaException">The text is not JSON (with line and column), or not a valid schema.</exception>
    /// <exception cref="UnresolvedReferenceException">A reference cannot be resolved offline.</exception>
    public static JsonSchema FromText(string json, JsonSchemaOptions? options = null, Uri? baseUri = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromUtf8(Encoding.UTF8.GetBytes(json), options, baseUri);
    }

    /// <summary>Builds a schema from UTF-8 JSON.</summary>
    /// <inheritdoc cref="FromText(string, JsonSchemaOptions?, Uri?)" path="/exception"/>
    public static JsonSchema FromUtf8(ReadOnlySpan<byte> utf8Json, JsonSchemaOptions? options = null, Uri? baseUri = null)
    {
        var snapshot = (options ?? new JsonSchemaOptions()).Snapshot();
        if (Input.JsonInput.CheckSize(utf8Json.Length, snapshot.MaxDocumentBytes) is { } tooLarge)
        {
            throw new InvalidSchemaException($"The schema: {tooLarge.Text.English}") { Problem = tooLarge };
        }

        var root = DocumentReader.Parse(utf8Json.ToArray(), "The schema", snapshot.MaxDepth);
        return Build(root, snapshot, baseUri);
    }

    /// <summary>Builds a schema from a parsed JSON value.</summary>
    /// <inheritdoc cref="FromText(string, JsonSchemaOptions?, Uri?)" path="/exception"/>
    public static JsonSchema FromElement(JsonElement schema, JsonSchemaOptions? options = null, Uri? baseUri = null) =>
        Build(schema.Clone(), (options ?? new JsonSchemaOptions()).Snapshot(), baseUri);

    /// <summary>Builds a schema from a file; its base URI is its <c>$id</c>, or else the file's URI.</summary>
    /// <inheritdoc cref="FromText(string, JsonSchemaOptions?, Uri?)" path="/exception"/>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static JsonSchema FromFile(string path, JsonSchemaOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var snapshot = (options ?? new JsonSchemaOptions()).Snapshot();
        var full = Path.GetFullPath(path);
        var root = DocumentReader.ReadFile(full, snapshot.MaxDocumentBytes, snapshot.MaxDepth);
        return Build(root, snapshot, new Uri(full));
    }

    /// <summary>The meta-schema of a dialect, as a built schema.</summary>
    public static JsonSchema MetaSchema(SchemaDialect dialect) => MetaSchemas[(int)dialect].Value;

    /// <summary>Evaluates an instance.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="format">The output format; <see cref="OutputFormat.List"/> by default.</param>
    public EvaluationResult Evaluate(JsonElement instance, OutputFormat format = OutputFormat.List)
    {
        var valid = IsValid(instance);
        if (valid || format == OutputFormat.Flag)
        {
            return EvaluationResult.Of(valid, format);
        }

        var detailed = new EvaluationState(detailed: true, _options.MaxDepth);
        _root.Evaluate(instance, detailed, null);
        return new EvaluationResult(false, format, detailed.Errors!);
    }

    /// <summary>Parses UTF-8 JSON and evaluates it.</summary>
    /// <exception cref="InvalidInstanceException">
    /// The bytes are not UTF-8 (UTF-16, a NUL byte, or an invalid sequence), not JSON, too large or nested too deeply;
    /// <see cref="JsonSchemaException.Problem"/> says what and where (byte offset, line, column) in Dutch and English.
    /// </exception>
    public EvaluationResult Evaluate(ReadOnlySpan<byte> utf8Instance, OutputFormat format = OutputFormat.List)
    {
        if (Input.JsonInput.CheckSize(utf8Instance.Length, _options.MaxDocumentBytes) is { } tooLarge)
        {
            throw new InvalidInstanceException($"The instance: {tooLarge.Text.English}") { Problem = tooLarge };
        }

        // Parse from a pooled copy: JsonDocument keeps the memory it parses, and a span cannot be kept.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(utf8Instance.Length, 1));
        try
        {
            utf8Instance.CopyTo(buffer);
            using var document = DocumentReader.ParseDocument(buffer.AsMemory(0, utf8Instance.Length), "The instance", _options.MaxDepth, isSchema: false);
            return Evaluate(document.RootElement, format);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether the instance is valid: the flag format, without allocating a result.</summary>
    public bool IsValid(JsonElement instance)
    {
        var fast = EvaluationState.RentFast(_options.MaxDepth);
        try
        {
            return _root.Evaluate(instance, fast, null);
        }
        finally
        {
            EvaluationState.Return(fast);
        }
    }

    private static JsonSchema Build(JsonElement root, JsonSchemaOptions options, Uri? baseUri)
    {
        var retrieval = baseUri ?? DefaultBaseUri;
        if (!retrieval.IsAbsoluteUri)
        {
            throw new ArgumentException($"The base URI '{retrieval}' must be absolute.", nameof(baseUri));
        }

        var forced = options.Dialect is { } d ? Internal.Dialect.For(d) with { FormatAssertion = options.AssertFormat } : null;
        var declared = DeclaredDraft(root);
        var draft = forced?.Draft ?? declared ?? options.DefaultDialect;

        // A schema under a custom meta-schema is checked by the vocabularies that meta-schema declares, not here.
        if (options.ValidateAgainstMetaSchema && !IsStandardMetaSchema(root) && (forced is not null || declared is not null || !HasSchemaKeyword(root)))
        {
            CheckAgainstMetaSchema(root, draft);
        }

        var builder = new SchemaBuilder(options);
        var node = builder.Build(root, retrieval, forced);
        return new JsonSchema(node, options, draft, node.Resource.BaseUri, root);
    }

    private static SchemaDialect? DeclaredDraft(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("$schema", out var s) && s.ValueKind == JsonValueKind.String &&
        Internal.Dialect.TryGetStandard(s.GetString()!, out var draft)
            ? draft
            : null;

    private static bool HasSchemaKeyword(JsonElement root) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty("$schema", out _);

    private static bool IsStandardMetaSchema(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String &&
        Uri.TryCreate(id.GetString(), UriKind.Absolute, out var uri) && SchemaRegistry.IsMetaSchemaUri(UriTools.WithoutFragment(uri));

    private static void CheckAgainstMetaSchema(JsonElement root, SchemaDialect draft)
    {
        var result = MetaSchema(draft).Evaluate(root, OutputFormat.List);
        if (result.IsValid)
        {
            return;
        }

        var leaves = result.MostSpecificErrors;
        var summary = string.Join(Environment.NewLine, leaves.Take(5).Select(e => $"  {(e.InstanceLocation.Length == 0 ? "(root)" : e.InstanceLocation)}: {e.Message}"));
        throw new InvalidSchemaException($"The schema is not valid against the {draft} meta-schema:{Environment.NewLine}{summary}")
        {
            Location = leaves[0].InstanceLocation,
            MetaSchemaErrors = result.Errors,
        };
    }

    private static JsonSchema BuildMeta(SchemaDialect draft)
    {
        var options = new JsonSchemaOptions { ValidateAgainstMetaSchema = false, Registry = new SchemaRegistry() }.Snapshot();
        var root = SchemaRegistry.GetMetaSchema(draft);
        return Build(root, options, new Uri(Internal.Dialect.MetaSchemaUri(draft)));
    }
}
