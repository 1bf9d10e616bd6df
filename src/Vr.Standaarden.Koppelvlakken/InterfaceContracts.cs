using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Koppelvlakken;

/// <summary>
/// The interface contracts of a release, generated from it and never written by hand:
/// <list type="bullet">
/// <item><description><see cref="OpenApi"/>: OpenAPI 3.1 for the knooppunt (<see cref="KnooppuntRoutes"/>) and the
/// bronhouder interface, following the NL API Design Rules (major version in the URI, <c>API-Version</c> on every answer,
/// problem+json with <c>status</c>, <c>title</c> and <c>detail</c> for every error, a 400 wherever input is taken);</description></item>
/// <item><description><see cref="Knooppunt"/>: the knooppunt's part alone, as a node serves it;</description></item>
/// <item><description><see cref="AsyncApi"/>: AsyncAPI 3.0 for the JetStream subjects and the webhook binding.</description></item>
/// </list>
/// Schemas are referenced by the release's published <c>$id</c>s, not copied; examples are the release's own valid examples.
/// </summary>
public static class InterfaceContracts
{
    /// <summary>The file <see cref="Write"/> gives the OpenAPI document.</summary>
    public const string OpenApiFile = "openapi.json";

    /// <summary>The file <see cref="Write"/> gives the AsyncAPI document.</summary>
    public const string AsyncApiFile = "asyncapi.yaml";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The OpenAPI 3.1 document of both interfaces of <paramref name="release"/>: the knooppunt and the bronhouder.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="release"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentException">The release lacks a schema the contract refers to.</exception>
    public static JsonObject OpenApi(StandardRelease release, ContractOptions? options = null) => Build(release, options, bronhouder: true);

    /// <summary>The OpenAPI 3.1 document of the knooppunt interface of <paramref name="release"/>, as a node serves it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="release"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentException">The release lacks a schema the contract refers to.</exception>
    public static JsonObject Knooppunt(StandardRelease release, ContractOptions? options = null) => Build(release, options, bronhouder: false);

    /// <summary>The AsyncAPI 3.0 document of <paramref name="release"/>: the JetStream subjects and the webhook binding.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="release"/> is <c>null</c>.</exception>
    public static JsonObject AsyncApi(StandardRelease release, ContractOptions? options = null) =>
        AsyncApiBuilder.Build(ReleaseFacts.Of(release), options ?? new ContractOptions());

    /// <summary>
    /// Writes <see cref="OpenApiFile"/> and <see cref="AsyncApiFile"/> of <paramref name="release"/> into
    /// <paramref name="folder"/> (created when missing) and returns their paths.
    /// </summary>
    public static IReadOnlyList<string> Write(StandardRelease release, string folder, ContractOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var openApi = OpenApi(release, options);
        var asyncApi = AsyncApi(release, options);
        Directory.CreateDirectory(folder);
        var openApiPath = Path.Combine(folder, OpenApiFile);
        var asyncApiPath = Path.Combine(folder, AsyncApiFile);
        File.WriteAllText(openApiPath, ToJson(openApi), new UTF8Encoding(false));
        File.WriteAllText(asyncApiPath, Yaml.Write(asyncApi), new UTF8Encoding(false));
        return [openApiPath, asyncApiPath];
    }

    /// <summary>A contract as indented JSON text, ending in a line feed.</summary>
    public static string ToJson(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.ToJsonString(Indented).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>A contract as YAML 1.2 text (block style; every string double-quoted).</summary>
    public static string ToYaml(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Yaml.Write(document);
    }

    private static JsonObject Build(StandardRelease release, ContractOptions? options, bool bronhouder)
    {
        options ??= new ContractOptions();
        var facts = ReleaseFacts.Of(release);
        var api = new OpenApiBuilder();
        KnooppuntInterface.Describe(api, facts);
        if (bronhouder)
        {
            BronhouderInterface.Describe(api, facts, options);
        }

        var tags = new JsonArray(new JsonObject { ["name"] = KnooppuntInterface.Tag, ["description"] = "Het knooppunt: berichten in, het situatiebeeld uit." });
        if (bronhouder)
        {
            tags.Add(new JsonObject { ["name"] = BronhouderInterface.Tag, ["description"] = "De bron: gegevens blijven bij de bron en worden daar opgevraagd; terugmeldingen gaan naar de bron." });
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = Info(facts, options, bronhouder ? "Koppelvlakken" : "Knooppunt"),
            ["servers"] = new JsonArray(new JsonObject { ["url"] = options.KnooppuntUrl.ToString().TrimEnd('/'), ["description"] = "Een knooppunt (voorbeeld)." }),
            ["tags"] = tags,
            ["security"] = new JsonArray(new JsonObject { ["mtls"] = new JsonArray() }, new JsonObject { ["oauth"] = new JsonArray() }),
            ["paths"] = api.Paths,
            ["components"] = api.Components(new JsonObject
            {
                ["mtls"] = new JsonObject { ["type"] = "mutualTLS", ["description"] = "Een PKIoverheid-certificaat met het OIN van de organisatie." },
                ["oauth"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT", ["description"] = "Een token van een vertrouwde uitgever met het OIN van de organisatie." },
            }),
        };
    }

    internal static JsonObject Info(ReleaseFacts facts, ContractOptions options, string title, bool licenseIdentifier = true) => new()
    {
        ["title"] = $"Vr.Standaarden {title} {facts.Release.Name}",
        ["version"] = options.ApiVersion,
        ["description"] = $"Gemaakt uit release {facts.Release.Name} van de standaard ({facts.Release.BaseUri}). " +
            "De schema's zijn die van de release, verwezen met hun $id.",
        ["contact"] = new JsonObject { ["name"] = options.ContactName, ["url"] = options.ContactUrl.ToString(), ["email"] = options.ContactEmail },
        ["license"] = licenseIdentifier
            ? new JsonObject { ["name"] = "EUPL-1.2", ["identifier"] = "EUPL-1.2" }
            : new JsonObject { ["name"] = "EUPL-1.2", ["url"] = "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12" },
    };
}
