using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Koppelvlakken;

/// <summary>One operation of an OpenAPI document: its method, its path template and its <c>operationId</c>.</summary>
/// <param name="Method">The HTTP method in upper case (<c>GET</c>).</param>
/// <param name="Path">The path template relative to the server (<c>/incidenten/{id}</c>).</param>
/// <param name="OperationId">The operation's <c>operationId</c>.</param>
public sealed record ContractOperation(string Method, string Path, string OperationId);

/// <summary>
/// An OpenAPI 3.1 document held against real answers: whether a status, a media type, the version header and a body are
/// what the document declares for an operation. Bodies are validated with the Vr.Standaarden.Schema engine; the
/// standard's schemas resolve offline from the release, by <c>$id</c>.
/// </summary>
public sealed class OpenApiContract
{
    private static readonly Uri DocumentUri = new("urn:vr-standaarden:contract");
    private readonly JsonElement _document;
    private readonly SchemaRegistry _registry;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    /// <summary>Holds <paramref name="document"/>, whose schemas refer to those of <paramref name="release"/> by <c>$id</c>.</summary>
    /// <exception cref="ArgumentNullException">An argument is <c>null</c>.</exception>
    public OpenApiContract(JsonNode document, StandardRelease release)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(release);
        _document = JsonDocument.Parse(document.ToJsonString()).RootElement.Clone();
        _registry = new SchemaRegistry();
        foreach (var file in Standard.Releases.SelectMany(r => r.Definitions).Concat(release.Definitions).DistinctBy(f => f.Id))
        {
            _registry.Register(file.Root);
        }

        _registry.Register(DocumentUri, _document);
        var operations = new List<ContractOperation>();
        if (_document.TryGetProperty("paths", out var paths))
        {
            foreach (var path in paths.EnumerateObject())
            {
                foreach (var method in path.Value.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object && m.Value.TryGetProperty("responses", out _)))
                {
                    operations.Add(new ContractOperation(method.Name.ToUpperInvariant(), path.Name,
                        method.Value.TryGetProperty("operationId", out var id) ? id.GetString() ?? "" : ""));
                }
            }
        }

        Operations = operations;
    }

    /// <summary>Every operation of the document, in document order.</summary>
    public IReadOnlyList<ContractOperation> Operations { get; }

    /// <summary>The operation that answers <paramref name="method"/> on <paramref name="path"/> (relative to the server), or <c>null</c>.</summary>
    public ContractOperation? Find(string method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/');
        return Operations.FirstOrDefault(o => o.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && Matches(o.Path.Split('/'), segments))
;
    }

    /// <summary>
    /// What is wrong with an answer to <paramref name="operation"/> by the document: a status it does not declare, a media
    /// type it does not declare for that status, a missing header it requires (such as <c>API-Version</c>), and every
    /// place where <paramref name="body"/> does not match the declared schema (with its JSON Pointer). Empty when the
    /// answer matches.
    /// </summary>
    /// <param name="operation">An operation of <see cref="Operations"/>.</param>
    /// <param name="status">The answer's status.</param>
    /// <param name="mediaType">The answer's media type without parameters (<c>application/json</c>), or <c>null</c> without a body.</param>
    /// <param name="hasHeader">Whether the answer carries a header (case-insensitive name).</param>
    /// <param name="body">The answer's body.</param>
    public IReadOnlyList<string> Check(ContractOperation operation, int status, string? mediaType, Func<string, bool> hasHeader, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(hasHeader);
        var problems = new List<string>();
        var pointer = $"/paths/{Escape(operation.Path)}/{operation.Method.ToLowerInvariant()}/responses";
        var responses = Navigate(pointer);
        var code = status.ToString(CultureInfo.InvariantCulture);
        var key = responses is { } r && r.TryGetProperty(code, out _) ? code
            : responses is { } r2 && r2.TryGetProperty(code[0] + "XX", out _) ? code[0] + "XX"
            : responses is { } r3 && r3.TryGetProperty("default", out _) ? "default" : null;
        if (key is null)
        {
            problems.Add($"{operation.Method} {operation.Path} answered {status}, which the contract does not declare ({string.Join(", ", responses?.EnumerateObject().Select(p => p.Name) ?? [])}).");
            return problems;
        }

        pointer += "/" + key;
        var response = Resolve(Navigate(pointer)!.Value, ref pointer);
        if (response.TryGetProperty("headers", out var headers))
        {
            foreach (var header in headers.EnumerateObject())
            {
                var declared = header.Value;
                var headerPointer = $"{pointer}/headers/{Escape(header.Name)}";
                declared = Resolve(declared, ref headerPointer);
                var required = header.Name.Equals("API-Version", StringComparison.OrdinalIgnoreCase)
                    || (declared.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.True);
                if (required && !hasHeader(header.Name))
                {
                    problems.Add($"{operation.Method} {operation.Path} {status}: the header {header.Name} is missing.");
                }
            }
        }

        if (!response.TryGetProperty("content", out var content))
        {
            return problems;
        }

        if (mediaType is null)
        {
            if (body.Length > 0)
            {
                problems.Add($"{operation.Method} {operation.Path} {status}: a body without a media type.");
            }

            return problems;
        }

        if (!content.TryGetProperty(mediaType, out var media))
        {
            problems.Add($"{operation.Method} {operation.Path} {status}: media type {mediaType}, the contract declares {string.Join(", ", content.EnumerateObject().Select(p => p.Name))}.");
            return problems;
        }

        if (!media.TryGetProperty("schema", out _) || !(mediaType.EndsWith("json", StringComparison.Ordinal) || mediaType.EndsWith("+json", StringComparison.Ordinal)))
        {
            return problems;
        }

        JsonDocument instance;
        try
        {
            instance = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            problems.Add($"{operation.Method} {operation.Path} {status}: the body is not JSON: {e.Message}");
            return problems;
        }

        using (instance)
        {
            var schemaPointer = $"{pointer}/content/{Escape(mediaType)}/schema";
            var result = Schema(schemaPointer).Evaluate(instance.RootElement);
            if (!result.IsValid)
            {
                foreach (var error in result.MostSpecificErrors.Take(10))
                {
                    problems.Add($"{operation.Method} {operation.Path} {status}: {(error.InstanceLocation.Length == 0 ? "(the body)" : error.InstanceLocation)}: {error.Message}");
                }
            }
        }

        return problems;
    }

    private JsonSchema Schema(string pointer) => _schemas.GetOrAdd(pointer, p =>
        JsonSchema.FromText(
            JsonSerializer.Serialize(new Dictionary<string, string> { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", [KeywordCatalog.Ref.Name] = $"{DocumentUri}#{p}" }),
            new JsonSchemaOptions { Registry = _registry, AssertFormat = true, ValidateAgainstMetaSchema = false }));

    private JsonElement? Navigate(string pointer) => StandardRelease.TryNavigate(_document, pointer, out var found) ? found : null;

    private JsonElement Resolve(JsonElement node, ref string pointer)
    {
        for (var i = 0; i < 8 && node.TryGetProperty(KeywordCatalog.Ref.Name, out var reference) && reference.GetString() is { } text && text.StartsWith("#/", StringComparison.Ordinal); i++)
        {
            pointer = text[1..];
            node = Navigate(pointer) ?? throw new InvalidOperationException($"The contract's reference {text} leads nowhere.");
        }

        return node;
    }

    private static bool Matches(string[] template, string[] path) =>
        template.Length == path.Length && template.Zip(path).All(p => (p.First.StartsWith('{') && p.First.EndsWith('}') && p.Second.Length > 0) || p.First == p.Second);

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
