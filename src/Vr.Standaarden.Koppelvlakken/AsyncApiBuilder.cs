using System.Text.Json.Nodes;

namespace Vr.Standaarden.Koppelvlakken;

/// <summary>
/// The AsyncAPI 3.0 document of a release: one JetStream channel per entity (<c>vr.{knooppunt}.{entiteit}</c>, the
/// transport's subject scheme), and the webhook channel (<c>POST /v1/berichten</c>, the CloudEvents HTTP binding);
/// every message a CloudEvent of the release in structured mode.
/// </summary>
internal static class AsyncApiBuilder
{
    public static JsonObject Build(ReleaseFacts release, ContractOptions options)
    {
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        foreach (var entity in release.Entities)
        {
            messages[entity] = Message(release, entity);
            channels[entity] = new JsonObject
            {
                ["address"] = "vr.{knooppunt}." + entity,
                ["title"] = $"Berichten over {entity}",
                ["description"] = $"De berichten van het type {ReleaseFacts.MessageType(entity)} van één knooppunt, in zijn stream VR{{knooppunt}} (JetStream).",
                ["servers"] = new JsonArray(Js.Ref("#/servers/jetstream")),
                ["parameters"] = new JsonObject { ["knooppunt"] = Js.Ref("#/components/parameters/knooppunt") },
                ["messages"] = new JsonObject { [entity] = Js.Ref("#/components/messages/" + entity) },
            };
            var title = char.ToUpperInvariant(entity[0]) + entity[1..];
            operations["publiceer" + title] = new JsonObject
            {
                ["action"] = "send",
                ["title"] = $"Een {entity} publiceren",
                ["summary"] = "De afzender publiceert op het onderwerp van zijn knooppunt; de stream bewaart het bericht.",
                ["channel"] = Js.Ref("#/channels/" + entity),
                ["messages"] = new JsonArray(Js.Ref($"#/channels/{entity}/messages/{entity}")),
            };
            operations["ontvang" + title] = new JsonObject
            {
                ["action"] = "receive",
                ["title"] = $"Berichten over {entity} ontvangen",
                ["summary"] = "Een afnemer leest met een durable pull-consumer; hij bevestigt pas als het bericht veilig is opgeslagen.",
                ["channel"] = Js.Ref("#/channels/" + entity),
                ["messages"] = new JsonArray(Js.Ref($"#/channels/{entity}/messages/{entity}")),
            };
        }

        channels["berichten"] = new JsonObject
        {
            ["address"] = KnooppuntRoutes.Berichten[KnooppuntRoutes.Base.Length..],
            ["title"] = "Webhook van het knooppunt",
            ["description"] = "De CloudEvents HTTP binding: een afzender bezorgt elk bericht van de release met POST (structured, binary of batch).",
            ["servers"] = new JsonArray(Js.Ref("#/servers/webhook")),
            ["messages"] = new JsonObject([.. release.Entities.Select(e => KeyValuePair.Create(e, (JsonNode?)Js.Ref("#/components/messages/" + e)))]),
        };
        operations["bezorg"] = new JsonObject
        {
            ["action"] = "send",
            ["title"] = "Een bericht bezorgen",
            ["summary"] = "POST naar /v1/berichten; 201 aangenomen, 200 al eerder aangenomen, problem+json bij weigering.",
            ["channel"] = Js.Ref("#/channels/berichten"),
            ["bindings"] = new JsonObject { ["http"] = new JsonObject { ["method"] = "POST", ["bindingVersion"] = "0.3.0" } },
        };

        var knooppunt = new Uri(options.KnooppuntUrl.ToString().TrimEnd('/'));
        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = InterfaceContracts.Info(release, options, "Berichtenverkeer", licenseIdentifier: false),
            ["defaultContentType"] = "application/cloudevents+json",
            ["servers"] = new JsonObject
            {
                ["jetstream"] = new JsonObject { ["host"] = options.NatsServer, ["protocol"] = "nats", ["description"] = "NATS JetStream van de knooppunten (voorbeeld)." },
                ["webhook"] = new JsonObject
                {
                    ["host"] = knooppunt.Authority,
                    ["pathname"] = knooppunt.AbsolutePath,
                    ["protocol"] = knooppunt.Scheme,
                    ["description"] = "Het HTTP-koppelvlak van een knooppunt (voorbeeld).",
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject
            {
                ["parameters"] = new JsonObject
                {
                    ["knooppunt"] = new JsonObject
                    {
                        ["description"] = "Het knooppunt: het tweecijferige nummer van een veiligheidsregio (06) of landelijk.",
                        ["examples"] = new JsonArray("06", "15", "landelijk"),
                    },
                },
                ["messages"] = messages,
            },
        };
    }

    private static JsonObject Message(ReleaseFacts release, string entity)
    {
        var type = ReleaseFacts.MessageType(entity);
        var message = new JsonObject
        {
            ["name"] = entity,
            ["title"] = $"Bericht over {entity}",
            ["summary"] = $"Een CloudEvent van het type {type}; data voldoet aan {release.Id(entity)}.",
            ["contentType"] = "application/cloudevents+json",
            ["payload"] = new JsonObject
            {
                ["allOf"] = new JsonArray(
                    Js.Ref(release.Bericht),
                    new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["type"] = new JsonObject { ["const"] = type } } }),
            },
        };
        var examples = new JsonArray();
        foreach (var file in release.ValidExamples("bericht"))
        {
            if (file.Root.TryGetProperty("type", out var t) && t.GetString() == type)
            {
                examples.Add(new JsonObject { ["name"] = Path.GetFileNameWithoutExtension(file.Path), ["payload"] = JsonNode.Parse(file.Root.GetRawText()) });
            }
        }

        if (examples.Count > 0)
        {
            message["examples"] = examples;
        }

        return message;
    }
}
