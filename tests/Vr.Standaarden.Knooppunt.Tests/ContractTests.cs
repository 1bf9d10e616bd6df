using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Koppelvlakken;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport;
using Microsoft.AspNetCore.Builder;
using Vr.Standaarden.Transport.Nats;
using Vr.Standaarden.Transport.Tests.Http;

namespace Vr.Standaarden.Knooppunt.Tests;

public sealed class ContractTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-contract-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    public static TheoryData<string> Releases() => [.. Standard.Releases.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(Releases))]
    public void The_openapi_document_refers_to_the_releases_own_schemas_and_examples_which_are_valid(string name)
    {
        var release = Standard.Release(name);
        var document = InterfaceContracts.OpenApi(release);
        var references = Walk(document).Where(n => n.Key == "$ref").Select(n => (string)n.Value!).Where(r => !r.StartsWith('#')).Distinct().ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(release.FindById(r) is not null, $"{r} is not a file of release {name}"));

        // Every example is a valid example of the release (by its published address) and valid against the schema of
        // the media type it illustrates.
        var registry = new SchemaRegistry();
        foreach (var file in release.Definitions)
        {
            registry.Register(file.Root);
        }

        var examples = 0;
        foreach (var media in Walk(document).Where(n => n.Key == "examples" && n.Parent?["schema"] is not null).Select(n => n.Parent!))
        {
            var schema = JsonSchema.FromElement(release.FindById((string)media["schema"]!["$ref"]!)!.Root, new JsonSchemaOptions { Registry = registry, AssertFormat = true });
            foreach (var (key, example) in media["examples"]!.AsObject())
            {
                var published = (string)example!["externalValue"]!;
                Assert.StartsWith(release.BaseUri + "voorbeelden/geldig/", published, StringComparison.Ordinal);
                var file = release.Find(published[release.BaseUri!.Length..]);
                Assert.NotNull(file);
                var result = schema.Evaluate(file.Root);
                Assert.True(result.IsValid, $"{key}: {string.Join("; ", result.MostSpecificErrors)}");
                examples++;
            }
        }

        Assert.True(examples >= 5, $"only {examples} examples");

        // The rules of the NL API Design Rules the document is built to: every answer of 2xx/3xx carries API-Version,
        // every error is problem+json, every operation that takes input can answer 400, operationIds are unique.
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Where(m => m.Key != "servers").Select(m => (Path: p.Key, Method: m.Key, Operation: m.Value!.AsObject()))).ToList();
        Assert.Equal(operations.Count, operations.Select(o => (string)o.Operation["operationId"]!).Distinct().Count());
        foreach (var (path, method, operation) in operations)
        {
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                if (status[0] is '2' or '3')
                {
                    Assert.NotNull(response!["headers"]?["API-Version"]);
                }
                else
                {
                    Assert.Equal(["application/problem+json"], response!["content"]!.AsObject().Select(c => c.Key));
                }
            }

            if (method is "post" or "put" or "patch" || (method == "get" && operation["parameters"] is JsonArray { Count: > 0 }))
            {
                Assert.True(operation["responses"]!["400"] is not null, $"{method} {path} takes input and cannot answer 400");
            }
        }
    }

    [Fact]
    public void The_asyncapi_document_has_a_channel_per_message_type_on_the_transports_own_subjects()
    {
        var release = Standard.Newest;
        var document = InterfaceContracts.AsyncApi(release);
        Assert.Equal("3.0.0", (string?)document["asyncapi"]);
        var bericht = release.Schema("bericht").Id;
        foreach (var (entity, message) in document["components"]!["messages"]!.AsObject())
        {
            Assert.Equal(bericht, (string?)message!["payload"]!["allOf"]![0]!["$ref"]);
            var type = $"nl.veiligheidsregio.{entity}.v1";
            Assert.Equal(type, (string?)message["payload"]!["allOf"]![1]!["properties"]!["type"]!["const"]);
            foreach (var example in message["examples"]?.AsArray() ?? [])
            {
                Assert.Equal(type, (string?)example!["payload"]!["type"]);
            }

            // The address is the subject the NATS binding publishes on.
            var address = ((string)document["channels"]![entity]!["address"]!).Replace("{knooppunt}", "06", StringComparison.Ordinal);
            var transport = TransportMessage.Parse(Encoding.UTF8.GetBytes($$"""{"specversion":"1.0","id":"x","source":"urn:test","type":"{{type}}"}"""));
            Assert.Equal(NatsSubjects.For("VR06", transport), address);
        }

        Assert.True(document["components"]!["messages"]!.AsObject().Count >= 15);
        Assert.Equal("/berichten", (string?)document["channels"]!["berichten"]!["address"]);
    }

    [Fact]
    public void A_contract_finds_what_an_answer_gets_wrong_with_its_place()
    {
        var contract = new OpenApiContract(InterfaceContracts.Knooppunt(Standard.Newest), Standard.Newest);
        var health = contract.Find("GET", "/gezondheid")!;
        var incident = contract.Find("get", "/incidenten/INC-1")!;
        Assert.Equal("incidentOpvragen", incident.OperationId);
        Assert.Null(contract.Find("GET", "/incidenten/INC-1/extra"));
        Assert.Empty(contract.Check(health, 200, "application/json", _ => true, """{"status":"ok"}"""u8));

        Assert.Contains("answered 418", Assert.Single(contract.Check(health, 418, "application/json", _ => true, """{}"""u8)));
        Assert.Contains("API-Version is missing", Assert.Single(contract.Check(health, 200, "application/json", _ => false, """{"status":"ok"}"""u8)));
        Assert.Contains("media type text/plain", Assert.Single(contract.Check(health, 200, "text/plain", _ => true, "ok"u8)));
        Assert.Contains("/status", Assert.Single(contract.Check(health, 200, "application/json", _ => true, """{"status":"prima"}"""u8)));
        var problem = contract.Check(incident, 404, "application/problem+json", _ => true, """{"title":"Niet gevonden","status":404}"""u8);
        Assert.Contains(problem, p => p.Contains("detail", StringComparison.Ordinal));
    }

    [Fact]
    public void Yaml_keeps_every_string_a_string()
    {
        var document = new JsonObject
        {
            ["plain"] = "yes",
            ["number-like"] = "1.0",
            ["tricky: key"] = "a # not a comment: \"quoted\"\nnext line",
            ["list"] = new JsonArray(new JsonObject { ["a"] = 1, ["b"] = new JsonArray() }, "x", new JsonArray(true, null)),
            ["empty"] = new JsonObject(),
        };
        Assert.Equal(
            "plain: \"yes\"\nnumber-like: \"1.0\"\n\"tricky: key\": \"a # not a comment: \\\"quoted\\\"\\nnext line\"\nlist:\n  - a: 1\n    b: []\n  - \"x\"\n  - \n    - true\n    - null\nempty: {}\n",
            InterfaceContracts.ToYaml(document));
    }

    [Fact]
    public async Task The_sample_node_answers_every_operation_of_its_contract_as_the_contract_says()
    {
        var address = new Uri($"http://127.0.0.1:{NatsServer.FreePort()}");
        using var client = new HttpClient { BaseAddress = address };
        using var node = await SampleNode.StartAsync(address, client, "--data", _folder);
        try
        {
            var served = JsonNode.Parse(await client.GetStringAsync(KnooppuntRoutes.OpenApi))!;
            var contract = new OpenApiContract(served, Standard.Newest);
            // The sample node is a knooppunt and the bronhouder of what it holds: both interfaces, every path under its own server.
            Assert.Equal(17, contract.Operations.Select(o => o.Path).Distinct().Count());
            Assert.DoesNotContain(served["paths"]!.AsObject(), p => p.Value!["servers"] is not null);
            var exercised = new HashSet<ContractOperation>();
            var answers = 0;

            async Task<HttpResponseMessage> Send(HttpRequestMessage request, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
            {
                var path = request.RequestUri!.OriginalString.Split('?')[0][KnooppuntRoutes.Base.Length..];
                var response = await client.SendAsync(request, completion);
                var operation = contract.Find(request.Method.Method, path);
                Assert.True(operation is not null, $"{request.Method} {path} is not in the contract");
                exercised.Add(operation);
                var body = completion == HttpCompletionOption.ResponseHeadersRead ? [] : await response.Content.ReadAsByteArrayAsync();
                var problems = contract.Check(operation, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                    h => response.Headers.Contains(h) || response.Content.Headers.Contains(h), body);
                Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + Encoding.UTF8.GetString(body));
                answers++;
                return response;
            }

            HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

            // The samples have been fed when the picture holds incidents.
            string? incident = null;
            for (var i = 0; i < 300 && incident is null; i++)
            {
                incident = (string?)JsonNode.Parse(await client.GetStringAsync(KnooppuntRoutes.Situatiebeeld))!["incidenten"]!.AsArray().FirstOrDefault()?["id"];
                await Task.Delay(incident is null ? 100 : 0);
            }

            Assert.NotNull(incident);
            var example = FreshIncident();
            foreach (var (content, type) in new[] { (example, "application/cloudevents+json"), (example, "application/cloudevents+json"), ("{\"niet\": "u8.ToArray(), "application/cloudevents+json"), (example, "text/plain") })
            {
                var post = new HttpRequestMessage(HttpMethod.Post, KnooppuntRoutes.Berichten) { Content = new ByteArrayContent(content) };
                post.Content.Headers.ContentType = new MediaTypeHeaderValue(type);
                (await Send(post)).Dispose();
            }

            var handshake = new HttpRequestMessage(HttpMethod.Options, KnooppuntRoutes.Berichten);
            handshake.Headers.Add("WebHook-Request-Origin", "gms.example.nl");
            (await Send(handshake)).Dispose();
            (await Send(new HttpRequestMessage(HttpMethod.Options, KnooppuntRoutes.Berichten))).Dispose();
            foreach (var path in new[]
            {
                KnooppuntRoutes.Situatiebeeld, KnooppuntRoutes.Situatiebeeld + "?tijdstip=gisteren", KnooppuntRoutes.Situatiebeeld + "?tijdstip=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O")),
                KnooppuntRoutes.SituatiebeeldGeoJson, KnooppuntRoutes.SituatiebeeldGeoJson + "?tijdstip=x",
                KnooppuntRoutes.Incident.Replace("{id}", incident, StringComparison.Ordinal), KnooppuntRoutes.Incident.Replace("{id}", "INC-BESTAAT-NIET", StringComparison.Ordinal),
                KnooppuntRoutes.Incident.Replace("{id}", incident, StringComparison.Ordinal) + "?tijdstip=morgen",
                KnooppuntRoutes.Gezondheid, KnooppuntRoutes.Bronnen, KnooppuntRoutes.Bronnen + "?tijdstip=nooit", KnooppuntRoutes.Verwerkingen, KnooppuntRoutes.Verwerkingen + "?van=gisteren",
                KnooppuntRoutes.Sessie, KnooppuntRoutes.Doorbraken, KnooppuntRoutes.Doorbraak.Replace("{id}", "D-1", StringComparison.Ordinal), KnooppuntRoutes.OpenApi,
            })
            {
                (await Send(Get(path))).Dispose();
            }

            // The bronhouder interface.
            foreach (var path in new[]
            {
                "/v1/wijzigingen", "/v1/wijzigingen?sinds=gisteren", "/v1/wijzigingen?entiteit=incident&maximum=2",
                $"/v1/entiteiten/incident/{Uri.EscapeDataString(incident)}", "/v1/entiteiten/incident/bestaat-niet", "/v1/entiteiten/geen-entiteit/x",
                $"/v1/incidenten/{Uri.EscapeDataString(incident)}/entiteiten", "/v1/incidenten/bestaat-niet/entiteiten",
            })
            {
                (await Send(Get(path))).Dispose();
            }

            var report = JsonNode.Parse(Standard.Newest.Find("voorbeelden/geldig/terugmelding-bag-bouwjaar.json")!.Utf8.Span)!.AsObject();
            foreach (var (body, type) in new[] { (report.ToJsonString(), "application/json"), (report.ToJsonString(), "application/json"), ("{\"id\": 1}", "application/json"), (report.ToJsonString(), "text/plain") })
            {
                (await Send(new HttpRequestMessage(HttpMethod.Post, "/v1/terugmeldingen") { Content = new StringContent(body, Encoding.UTF8, type) })).Dispose();
            }

            (await Send(Get("/v1/terugmeldingen/" + Uri.EscapeDataString((string)report["id"]!)))).Dispose();
            (await Send(Get("/v1/terugmeldingen/bestaat-niet"))).Dispose();

            var grant = new HttpRequestMessage(HttpMethod.Post, KnooppuntRoutes.Doorbraken) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            (await Send(grant)).Dispose();
            using (var stream = await Send(Get(KnooppuntRoutes.SituatiebeeldStroom), HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
            }

            Assert.Equal(contract.Operations.OrderBy(o => o.OperationId), exercised.OrderBy(o => o.OperationId));
            Assert.Equal(39, answers);
        }
        finally
        {
            node.Kill(true);
            await node.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task The_routes_of_before_v1_answer_308_to_their_new_place_and_a_sender_that_follows_delivers()
    {
        var address = new Uri($"http://127.0.0.1:{NatsServer.FreePort()}");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };
        using var node = await SampleNode.StartAsync(address, client, "--no-samples", "--data", _folder);
        try
        {
            foreach (var (old, now) in KnooppuntRoutes.Moved)
            {
                using var response = await client.GetAsync(old.Replace("{id}", "A B", StringComparison.Ordinal) + "?tijdstip=x");
                Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
                Assert.Equal(now.Replace("{id}", "A%20B", StringComparison.Ordinal) + "?tijdstip=x", response.Headers.Location!.OriginalString);
            }

            // An old sender posting to /berichten is sent on with its method and body, and the message is taken.
            using var following = new HttpClient { BaseAddress = address };
            var example = FreshIncident();
            using var content = new ByteArrayContent(example);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
            using var posted = await following.PostAsync("/berichten", content);
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            Assert.Equal(address + "v1/berichten", posted.RequestMessage!.RequestUri!.ToString());
            var health = JsonNode.Parse(await following.GetStringAsync(KnooppuntRoutes.Gezondheid))!;
            Assert.Equal(1, (int)health["berichten"]!);
        }
        finally
        {
            node.Kill(true);
            await node.WaitForExitAsync();
        }
    }

    /// <summary>The release's incident example as a fresh message anyone may have: a new id, now, TLP:CLEAR, no expiry.</summary>
    private static byte[] FreshIncident()
    {
        var message = JsonNode.Parse(Standard.Newest.Find("voorbeelden/geldig/bericht-incident-envelop.json")!.Utf8.Span)!.AsObject();
        message["id"] = Guid.NewGuid().ToString();
        message["time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        message["tlp"] = "TLP:CLEAR";
        message.Remove("expirytime");
        return Encoding.UTF8.GetBytes(message.ToJsonString());
    }

    [Fact]
    public async Task In_a_route_group_the_routes_of_before_v1_redirect_within_the_group()
    {
        var ingest = new KnooppuntIngest(Path.Combine(_folder, "berichten.db"));
        var receiver = ingest.Attach(new MessageReceiver(new ReceiverOptions { Verification = VerificationMode.Off, Sharing = SharingMode.Off, Inbox = ingest.Inbox }));
        await using var server = await Kestrel.StartAsync(app => app.MapGroup("/regio").MapKnooppunt(ingest, receiver, new KnooppuntEndpointOptions { Portal = false }));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };
        using var moved = await client.GetAsync("/regio/incidenten/INC-1?tijdstip=x");
        Assert.Equal(HttpStatusCode.PermanentRedirect, moved.StatusCode);
        Assert.Equal("/regio/v1/incidenten/INC-1?tijdstip=x", moved.Headers.Location!.OriginalString);
        using var now = await client.GetAsync("/regio/v1/gezondheid");
        Assert.Equal(HttpStatusCode.OK, now.StatusCode);
    }

    private static IEnumerable<(string Key, JsonNode? Value, JsonObject? Parent)> Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    yield return (key, value, obj);
                    foreach (var inner in Walk(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var inner in Walk(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
