using System.Text.Json;
using Net = Json.Schema;

namespace Vr.Standaarden.Differential.Tests;

/// <summary>
/// The second engine, JsonSchema.Net 8: builds a schema with the documents it may refer to registered offline, and
/// judges instances. Nothing is fetched from the network.
/// </summary>
internal sealed class Peer
{
    private readonly Net.BuildOptions _build;
    private readonly Net.EvaluationOptions _evaluate;

    public Peer(Net.Dialect dialect, bool assertFormat, Func<Uri, JsonElement?> documents)
    {
        var registry = new Net.SchemaRegistry();
        _build = new Net.BuildOptions { Dialect = dialect, SchemaRegistry = registry };
        registry.Fetch = (uri, _) => documents(uri) is { } document ? Net.JsonSchema.Build(document, _build, uri) : null;
        _evaluate = new Net.EvaluationOptions { RequireFormatValidation = assertFormat, OutputFormat = Net.OutputFormat.Flag };
    }

    public static Net.Dialect DialectOf(string draft) => draft switch
    {
        "draft7" => Net.Dialect.Draft07,
        "draft2019-09" => Net.Dialect.Draft201909,
        _ => Net.Dialect.Draft202012,
    };

    public Net.JsonSchema Build(JsonElement schema, Uri? baseUri = null) => Net.JsonSchema.Build(schema, _build, baseUri);

    public bool IsValid(Net.JsonSchema schema, JsonElement instance) => schema.Evaluate(instance, _evaluate).IsValid;
}
