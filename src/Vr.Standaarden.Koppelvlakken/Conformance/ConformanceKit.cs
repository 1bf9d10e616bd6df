using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Koppelvlakken;

/// <summary>How <see cref="ConformanceKit"/> checks a system.</summary>
public sealed class ConformanceOptions
{
    /// <summary>The release to check against; <see cref="Standard.Newest"/> when <c>null</c>.</summary>
    public StandardRelease? Release { get; set; }

    /// <summary>
    /// The organisation's certificate with its private key (PKIoverheid: the OIN in the subject's serialNumber). The kit
    /// signs its messages with it, as <c>urn:nld:oin:&lt;OIN&gt;:systeem:conformance</c>. Without it the messages go
    /// unsigned, and the checks that need a trusted signature are skipped.
    /// </summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>The certificates between <see cref="Certificate"/> and the trust anchor, sent along in the signature (<c>x5c</c>).</summary>
    public IList<X509Certificate2> Chain { get; } = new List<X509Certificate2>();
}

/// <summary>
/// The conformance kit: every check that applies to a role, run against a live system over HTTP. Each check has an id,
/// the requirement it tests in <c>spec/conformance.md</c>, and a result. The kit sends the release's own examples (as
/// fresh messages), its invalid examples, signed, tampered, untrusted and unsigned messages, duplicates, oversized,
/// mistyped and non-UTF-8 bodies and a TLP:RED message not meant for the system, and holds every answer to the
/// release's contract (<see cref="InterfaceContracts"/>). Run it against a test instance: what it sends is recorded
/// there like any other message.
/// </summary>
public sealed class ConformanceKit
{
    private readonly HttpClient _client;
    private readonly ConformanceOptions _options;

    /// <summary>A kit that talks to the system through <paramref name="client"/> (its handler carries any TLS client certificate).</summary>
    public ConformanceKit(HttpClient client, ConformanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new ConformanceOptions();
    }

    /// <summary>Runs every check of <paramref name="role"/> against the system at <paramref name="system"/> (its base URL, without <c>/v1</c>).</summary>
    /// <exception cref="HttpRequestException">The system cannot be reached at all.</exception>
    public async Task<ConformanceReport> RunAsync(Uri system, ConformanceRole role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        var run = new ConformanceRun(_client, system, _options, role, cancellationToken);
        await run.RunAsync().ConfigureAwait(false);
        return new ConformanceReport(role, run.Release.Release.Name, run.Checks);
    }
}

/// <summary>One run of the kit: the answers it received and the checks it made.</summary>
internal sealed class ConformanceRun
{
    private const string Requirements = "spec/conformance.md#";
    private const long OversizeBytes = 16L * 1024 * 1024 + 1024;
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _client;
    private readonly Uri _base;
    private readonly ConformanceRole _role;
    private readonly CancellationToken _cancellation;
    private readonly MessageSigner? _signer;
    private readonly string? _oin;
    private readonly OpenApiContract _contract;
    private readonly List<Answer> _answers = [];
    private readonly List<string> _silent = [];

    public ConformanceRun(HttpClient client, Uri system, ConformanceOptions options, ConformanceRole role, CancellationToken cancellation)
    {
        _client = client;
        _base = new Uri(system.ToString().TrimEnd('/') + "/");
        _role = role;
        _cancellation = cancellation;
        var release = options.Release ?? Standard.Newest;
        Release = ReleaseFacts.Of(release);
        if (options.Certificate is { } certificate)
        {
            _signer = new MessageSigner(certificate, options.Chain);
            _oin = SerialNumber(certificate) ?? throw new ArgumentException("The certificate names no OIN (serialNumber in its subject), so its messages cannot name their source.", nameof(options));
        }

        _contract = new OpenApiContract(role == ConformanceRole.Bron ? InterfaceContracts.OpenApi(release) : InterfaceContracts.Knooppunt(release), release);
    }

    public ReleaseFacts Release { get; }

    public List<ConformanceCheck> Checks { get; } = [];

    public async Task RunAsync()
    {
        if (_role == ConformanceRole.Bron)
        {
            await BronAsync().ConfigureAwait(false);
        }
        else
        {
            if (_role == ConformanceRole.Knooppunt)
            {
                await PublishedContractAsync().ConfigureAwait(false);
            }

            await ReceiveAsync().ConfigureAwait(false);
            if (_role == ConformanceRole.Knooppunt)
            {
                await PictureAsync().ConfigureAwait(false);
            }
        }

        Check("KV-02", _answers.Where(a => !a.HasVersion).ToList() is { Count: > 0 } missing
            ? Fail($"{missing.Count} of {_answers.Count} answers without API-Version: {Few(missing.Select(a => $"{a.Method} {a.Path} {a.Status}"))}.")
            : Pass($"All {_answers.Count} answers carry API-Version."));
        var errors = _answers.Where(a => a.Status >= 400).ToList();
        var bad = errors.Where(a => !a.IsProblem).ToList();
        Check("KV-03", errors.Count == 0 ? Skip("No error answer was seen.")
            : bad.Count > 0 ? Fail($"{bad.Count} of {errors.Count} error answers are not application/problem+json with status, title and detail: {Few(bad.Select(a => $"{a.Method} {a.Path} {a.Status} {a.MediaType ?? "(no body)"}"))}.")
            : Pass($"All {errors.Count} error answers are problem+json with status, title and detail."));
        var mismatches = new List<string>();
        var held = 0;
        foreach (var answer in _answers)
        {
            if (_contract.Find(answer.Method, answer.Path[(KnooppuntRoutes.Base.Length)..]) is not { } operation)
            {
                continue;
            }

            held++;
            mismatches.AddRange(_contract.Check(operation, answer.Status, answer.MediaType, h => answer.Headers.Contains(h, StringComparer.OrdinalIgnoreCase), answer.Body));
        }

        Check("KV-04", held == 0 ? Skip("No answer of an operation of the contract was seen.")
            : mismatches.Count > 0 ? Fail($"{mismatches.Count} differences from the release's contract in {held} answers: {Few(mismatches)}.")
            : Pass($"{held} answers match the release's contract (status, media type, headers, body)."));
    }

    // ---- Knooppunt and afnemer: receiving messages.

    private async Task PublishedContractAsync()
    {
        var answer = await SendAsync(HttpMethod.Get, KnooppuntRoutes.OpenApi).ConfigureAwait(false);
        if (answer.Status != 200 || answer.Json is not JsonObject document)
        {
            Check("KV-01", Fail($"GET {KnooppuntRoutes.OpenApi} answered {answer.Status}{(answer.Json is null ? " without a JSON document" : "")}."));
            return;
        }

        var served = new OpenApiContract(document, Release.Release);
        var missing = _contract.Operations.Where(o => served.Find(o.Method, o.Path) is null).Select(o => $"{o.Method} {o.Path}").ToList();
        Check("KV-01", !(S(document["openapi"]) ?? "").StartsWith("3.1", StringComparison.Ordinal)
            ? Fail($"The document is OpenAPI {S(document["openapi"]) ?? "(no version)"}, not 3.1.")
            : missing.Count > 0 ? Fail($"The published document lacks {missing.Count} operations of the release's contract: {Few(missing)}.")
            : Pass($"OpenAPI {S(document["openapi"])} with all {_contract.Operations.Count} operations of the release's knooppunt contract."));
    }

    private async Task ReceiveAsync()
    {
        // ON-01: the release's valid examples, as fresh messages.
        // A message the sharing policy keeps from the system (personal data it may not have, for example) is refused
        // rightly with 403 VR-DEEL-…; that may not be the lot, or a system that refuses everything would pass.
        var valid = ValidMessages().ToList();
        var refused = new List<string>();
        var policy = new List<string>();
        var needSignature = 0;
        foreach (var (name, message) in valid)
        {
            var answer = await PostAsync(Deliverable(message)).ConfigureAwait(false);
            if (answer.Status == 403 && answer.RefusedFor("VR-DEEL-"))
            {
                policy.Add($"{name} ({answer.Code})");
            }
            else if (!answer.Accepted)
            {
                needSignature += _signer is null && answer.Code?.StartsWith("VR-SIG-", StringComparison.Ordinal) == true ? 1 : 0;
                refused.Add($"{name}: {answer.Status} {answer.Code} {answer.Detail}".TrimEnd());
            }
        }

        var kept = policy.Count == 0 ? "" : $"; {policy.Count} kept from it by the sharing policy: {Few(policy)}";
        Check("ON-01", needSignature > 0 && needSignature == refused.Count ? Skip($"The system wants signed messages; give the kit a certificate it trusts (--client-cert/--client-key). {valid.Count - refused.Count - policy.Count} of {valid.Count} accepted.")
            : refused.Count > 0 ? Fail($"{refused.Count} of {valid.Count} valid examples refused: {Few(refused)}.")
            : policy.Count * 2 > valid.Count ? Fail($"{policy.Count} of {valid.Count} valid examples refused by the sharing policy: more than half of the release's own examples{kept}.")
            : Pass($"{valid.Count - policy.Count} of {valid.Count} valid examples of release {Release.Release.Name} accepted{kept}."));

        // ON-02: the release's invalid examples refused, at the place the example names.
        var invalid = InvalidMessages().ToList();
        var wrong = new List<string>();
        var skipped = 0;
        foreach (var (name, message, location, sign) in invalid)
        {
            var answer = await PostAsync(sign ? Deliverable(message) : Encoding.UTF8.GetBytes(message.ToJsonString(Compact))).ConfigureAwait(false);
            if (answer.Accepted)
            {
                wrong.Add($"{name}: accepted ({answer.Status})");
            }
            else if (answer.Code?.StartsWith("VR-SIG-", StringComparison.Ordinal) == true && (_signer is null || !sign))
            {
                skipped++;
            }
            else if (answer.Status != 400 || !answer.Locations.Contains(location, StringComparer.Ordinal))
            {
                wrong.Add($"{name}: {answer.Status} {answer.Code}, expected 400 at {location} (got {(answer.Locations.Count == 0 ? "no location" : string.Join(", ", answer.Locations))})");
            }
        }

        Check("ON-02", wrong.Count > 0 ? Fail($"{wrong.Count} of {invalid.Count} invalid examples not refused as they should be: {Few(wrong)}.")
            : skipped == invalid.Count ? Skip("Every invalid example was refused for its signature first; give the kit a certificate the system trusts.")
            : Pass($"{invalid.Count - skipped} of {invalid.Count} invalid examples refused with 400 at the place they name{(skipped > 0 ? $" ({skipped} refused for their signature first)" : "")}."));

        // ON-03 to ON-06: signatures.
        var signedMessage = Fresh("signed");
        if (_signer is null)
        {
            Check("ON-03", Skip("No certificate given (--client-cert/--client-key): the kit cannot sign a message the system trusts."));
            Check("ON-04", Skip("No certificate given: a tampered message needs a trusted signature to tamper with."));
        }
        else
        {
            var signed = await PostAsync(_signer.Sign(Bytes(signedMessage))).ConfigureAwait(false);
            Check("ON-03", signed.Accepted ? Pass($"A message signed by OIN {_oin} accepted ({signed.Status}).") : Fail($"A message signed by OIN {_oin} refused: {signed.Status} {signed.Code} {signed.Detail}"));
            var tampered = JsonNode.Parse(_signer.Sign(Bytes(Fresh("tampered"))))!.AsObject();
            tampered["data"]!["id"] = S(tampered["data"]!["id"]) + "-gewijzigd";
            var answer = await PostAsync(Bytes(tampered)).ConfigureAwait(false);
            Check("ON-04", answer.RefusedFor("VR-SIG-") ? Pass($"A message changed after signing refused: {answer.Status} {answer.Code}.") : Fail($"A message changed after signing answered {answer.Status} {answer.Code}; expected a refusal for its signature (VR-SIG-…)."));
        }

        var stranger = Fresh("untrusted");
        var untrusted = await PostAsync(SignUntrusted(stranger)).ConfigureAwait(false);
        Check("ON-05", untrusted.RefusedFor("VR-SIG-") ? Pass($"A message signed by a certificate of no trusted authority refused: {untrusted.Status} {untrusted.Code}.") : Fail($"A message signed by a self-made certificate answered {untrusted.Status} {untrusted.Code}; expected a refusal for its signature (VR-SIG-…)."));
        var unsigned = await PostAsync(Bytes(Fresh("unsigned"))).ConfigureAwait(false);
        Check("ON-06", unsigned.RefusedFor("VR-SIG-") ? Pass($"An unsigned message refused: {unsigned.Status} {unsigned.Code}.") : Fail($"An unsigned message answered {unsigned.Status} {unsigned.Code}; expected a refusal for its missing signature (VR-SIG-…)."));

        // ON-07: the same message twice counts once.
        var twice = Deliverable(Fresh("twice"));
        var first = await PostAsync(twice).ConfigureAwait(false);
        var second = await PostAsync(twice).ConfigureAwait(false);
        Check("ON-07", _signer is null && first.Code?.StartsWith("VR-SIG-", StringComparison.Ordinal) == true ? Skip("The system wants signed messages; give the kit a certificate it trusts.")
            : first.Status == 201 && second.Status == 200 && S(second.Object?["status"]) == "dubbel" ? Pass("The first delivery 201 geaccepteerd, the second 200 dubbel.")
            : Fail($"First delivery {first.Status} {S(first.Object?["status"])}, second {second.Status} {S(second.Object?["status"])}; expected 201, then 200 dubbel."));

        // ON-08 to ON-11: bodies that are not messages.
        var huge = new byte[OversizeBytes];
        Array.Fill(huge, (byte)' ');
        Encoding.ASCII.GetBytes("{\"x\":\"").CopyTo(huge, 0);
        Encoding.ASCII.GetBytes("\"}").CopyTo(huge, huge.Length - 2);
        // Expect: 100-continue lets a receiver answer 413 on Content-Length before the body is sent; otherwise it may
        // close the connection while the kit is still writing, and the answer is lost.
        var oversize = await SendAsync(HttpMethod.Post, KnooppuntRoutes.Berichten, huge, "application/cloudevents+json", expectContinue: true).ConfigureAwait(false);
        Check("ON-08", oversize.Status == 413 ? Pass($"A body of {OversizeBytes} bytes refused with 413.")
            : Fail(oversize.Status == 0 ? $"A body of {OversizeBytes} bytes: the connection closed without an answer; expected 413." : $"A body of {OversizeBytes} bytes answered {oversize.Status}; expected 413."));
        var text = await PostAsync(Deliverable(Fresh("text")), "text/plain").ConfigureAwait(false);
        Check("ON-09", text.Status == 415 ? Pass("A message sent as text/plain refused with 415.") : Fail($"A message sent as text/plain answered {text.Status}; expected 415."));
        var latin = Bytes(Fresh("latin"));
        var at = Array.IndexOf(latin, (byte)'"', Array.IndexOf(latin, (byte)':') + 1) + 1;
        latin = [.. latin[..at], 0xE9, .. latin[at..]];
        var notUtf8 = await PostAsync(latin).ConfigureAwait(false);
        Check("ON-10", notUtf8.Status == 400 ? Pass($"A body with a byte that is not UTF-8 refused with 400 {notUtf8.Code}.") : Fail($"A body with a byte that is not UTF-8 answered {notUtf8.Status}; expected 400."));
        var garbage = await PostAsync("{\"specversion\": \"1.0\", \"id\": "u8.ToArray()).ConfigureAwait(false);
        Check("ON-11", garbage.Status == 400 ? Pass($"A body that is not JSON refused with 400 {garbage.Code}.") : Fail($"A body that is not JSON answered {garbage.Status}; expected 400."));

        // DB-01: TLP:RED for others is not the system's to have.
        var red = Fresh("rood");
        red["tlp"] = "TLP:RED";
        red["ontvangers"] = "urn:nld:oin:00000001000000000999";
        var redAnswer = await PostAsync(Deliverable(red)).ConfigureAwait(false);
        var redId = (string)red["data"]!["id"]!;
        var leaked = false;
        if (_role == ConformanceRole.Knooppunt)
        {
            var picture = await SendAsync(HttpMethod.Get, KnooppuntRoutes.Situatiebeeld).ConfigureAwait(false);
            leaked = Encoding.UTF8.GetString(picture.Body).Contains(redId, StringComparison.Ordinal);
        }

        Check("DB-01", _signer is null && redAnswer.Code?.StartsWith("VR-SIG-", StringComparison.Ordinal) == true ? Skip("The system wants signed messages; give the kit a certificate it trusts.")
            : leaked ? Fail($"A TLP:RED message for another recipient is in the situation picture ({redAnswer.Status}).")
            : redAnswer.Status == 403 && redAnswer.RefusedFor("VR-DEEL-") ? Pass($"A TLP:RED message for another recipient refused: {redAnswer.Status} {redAnswer.Code}.")
            : Fail($"A TLP:RED message for another recipient answered {redAnswer.Status} {redAnswer.Code}; expected 403 for the sharing policy (VR-DEEL-…)."));

        // TM-01: a terugmelding is a message like any other.
        if (Release.ValidExamples("terugmelding").FirstOrDefault() is { } example)
        {
            var report = Wrap("terugmelding", JsonNode.Parse(example.Root.GetRawText())!.AsObject());
            var answer = await PostAsync(Deliverable(report)).ConfigureAwait(false);
            Check("TM-01", _signer is null && answer.Code?.StartsWith("VR-SIG-", StringComparison.Ordinal) == true ? Skip("The system wants signed messages; give the kit a certificate it trusts.")
                : answer.Accepted ? Pass($"A terugmelding ({ReleaseFacts.MessageType("terugmelding")}) accepted ({answer.Status}).")
                : answer.Status == 403 && answer.RefusedFor("VR-DEEL-") ? Skip($"The sharing policy keeps the release's terugmelding from the system ({answer.Code}: {answer.Detail}).")
                : Fail($"A terugmelding refused: {answer.Status} {answer.Code} {answer.Detail}"));
        }
    }

    private async Task PictureAsync()
    {
        var picture = await SendAsync(HttpMethod.Get, KnooppuntRoutes.Situatiebeeld).ConfigureAwait(false);
        await SendAsync(HttpMethod.Get, KnooppuntRoutes.SituatiebeeldGeoJson).ConfigureAwait(false);
        await SendAsync(HttpMethod.Get, KnooppuntRoutes.Gezondheid).ConfigureAwait(false);
        await SendAsync(HttpMethod.Get, KnooppuntRoutes.Situatiebeeld + "?tijdstip=gisteren").ConfigureAwait(false);
        if (At(picture.Object, "incidenten") is JsonArray incidents && incidents.FirstOrDefault() is JsonObject first && S(first["id"]) is { } id)
        {
            await SendAsync(HttpMethod.Get, KnooppuntRoutes.Incident.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal)).ConfigureAwait(false);
        }

        await SendAsync(HttpMethod.Get, KnooppuntRoutes.Incident.Replace("{id}", "conformance-bestaat-niet", StringComparison.Ordinal)).ConfigureAwait(false);

        // A path the API does not have is an error answer too (KV-02, KV-03).
        await SendAsync(HttpMethod.Get, KnooppuntRoutes.Base + "/conformance-bestaat-niet").ConfigureAwait(false);
    }

    // ---- Bronhouder.

    private async Task BronAsync()
    {
        var since = DateTimeOffset.UtcNow.AddDays(-30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var changes = await SendAsync(HttpMethod.Get, $"{KnooppuntRoutes.Base}{BronhouderInterface.Changes}?sinds={Uri.EscapeDataString(since)}").ConfigureAwait(false);
        var messages = changes.Json as JsonArray;
        Check("BR-01", changes.Status == 200 && messages is not null
            ? Pass($"GET {BronhouderInterface.Changes}?sinds= answered {messages.Count} messages.")
            : Fail($"GET {BronhouderInterface.Changes}?sinds= answered {changes.Status}{(messages is null ? " without a JSON array" : "")}."));
        var badSince = await SendAsync(HttpMethod.Get, $"{KnooppuntRoutes.Base}{BronhouderInterface.Changes}?sinds=gisteren").ConfigureAwait(false);
        Check("BR-02", badSince.Status == 400 ? Pass("A moment that is not RFC 3339 refused with 400.") : Fail($"sinds=gisteren answered {badSince.Status}; expected 400."));
        if (messages?.FirstOrDefault() is JsonObject message && (S(message["type"]))?.Split('.') is { Length: 4 } type && S(At(message, "data", "id")) is { } id)
        {
            var one = await SendAsync(HttpMethod.Get, $"{KnooppuntRoutes.Base}/entiteiten/{type[2]}/{Uri.EscapeDataString(id)}").ConfigureAwait(false);
            Check("BR-03", one.Status == 200 && S(At(one.Object, "data", "id")) == id
                ? Pass($"GET /entiteiten/{type[2]}/{id} answered the source's message about it.")
                : Fail($"GET /entiteiten/{type[2]}/{id} answered {one.Status}, not the message about it."));
        }
        else
        {
            Check("BR-03", Skip("The source reported no changes in the last 30 days to fetch one of."));
        }

        var missing = await SendAsync(HttpMethod.Get, $"{KnooppuntRoutes.Base}/entiteiten/incident/conformance-bestaat-niet").ConfigureAwait(false);
        Check("BR-04", missing.Status == 404 ? Pass("An entity the source does not hold answered 404.") : Fail($"An entity the source does not hold answered {missing.Status}; expected 404."));
        if (Release.ValidExamples("terugmelding").FirstOrDefault() is { } example)
        {
            var report = JsonNode.Parse(example.Root.GetRawText())!.AsObject();
            var reportId = "conformance-" + Guid.NewGuid().ToString("N")[..12];
            report["id"] = reportId;
            var posted = await SendAsync(HttpMethod.Post, KnooppuntRoutes.Base + BronhouderInterface.Terugmeldingen, Bytes(report), "application/json").ConfigureAwait(false);
            var state = await SendAsync(HttpMethod.Get, $"{KnooppuntRoutes.Base}/terugmeldingen/{Uri.EscapeDataString(reportId)}").ConfigureAwait(false);
            Check("TM-02", posted.Status == 201 && state.Status == 200 && S(state.Object?["id"]) == reportId
                ? Pass($"A terugmelding received (201) and its state answered ({S(state.Object?["status"])}).")
                : Fail($"A terugmelding answered {posted.Status}, its state {state.Status}; expected 201 and 200 with its id."));
        }
    }

    // ---- Messages.

    /// <summary>The release's valid examples as fresh messages: the envelopes, and every entity example in an envelope of its type.</summary>
    private IEnumerable<(string Name, JsonObject Message)> ValidMessages()
    {
        foreach (var file in Release.ValidExamples("bericht"))
        {
            yield return (Path.GetFileName(file.Path), Renew(JsonNode.Parse(file.Root.GetRawText())!.AsObject()));
        }

        foreach (var entity in Release.Entities)
        {
            foreach (var file in Release.ValidExamples(entity))
            {
                yield return (Path.GetFileName(file.Path), Wrap(entity, JsonNode.Parse(file.Root.GetRawText())!.AsObject()));
            }
        }
    }

    /// <summary>The release's invalid examples with the place each is refused at (<c>.verwacht.json</c>).</summary>
    private IEnumerable<(string Name, JsonObject Message, string Location, bool Sign)> InvalidMessages()
    {
        foreach (var file in Release.Release.Examples.Where(f => f.Path.StartsWith("voorbeelden/ongeldig/", StringComparison.Ordinal) && !f.Path.EndsWith(".verwacht.json", StringComparison.Ordinal)))
        {
            var name = Path.GetFileName(file.Path);
            var expected = Release.Release.Find(file.Path[..^".json".Length] + ".verwacht.json");
            if (expected is null || !expected.Root.TryGetProperty("instanceLocation", out var at) || file.Root.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var entity = name[..name.IndexOf('-', StringComparison.Ordinal)];
            if (entity == "bericht")
            {
                // The envelope's own faults: sent as written but fresh, signed where its source can carry a signature.
                // The member at fault stays as the example has it; the rest is made fresh.
                var fault = at.GetString()!.Split('/', 3) is [_, var member, ..] ? member : "";
                var message = Renew(JsonNode.Parse(file.Root.GetRawText())!.AsObject(), keep: fault);
                var signable = fault is not ("source" or "jws") && S(message["source"]) is { } source && source.StartsWith("urn:nld:oin:", StringComparison.Ordinal);

                yield return (name, message, at.GetString()!, signable);
            }
            else if (Release.Entities.Contains(entity))
            {
                yield return (name, Wrap(entity, JsonNode.Parse(file.Root.GetRawText())!.AsObject()), "/data" + at.GetString(), true);
            }
        }
    }

    private string Source => $"urn:nld:oin:{_oin}:systeem:conformance";

    /// <summary>A fresh message about a new incident (the release's first incident example, with an id of its own).</summary>
    private JsonObject Fresh(string purpose)
    {
        var data = JsonNode.Parse(Release.ValidExamples("incident").First().Root.GetRawText())!.AsObject();
        data["id"] = $"conformance-{purpose}-{Guid.NewGuid():N}"[..40];
        return Wrap("incident", data);
    }

    /// <summary>An envelope of type <paramref name="entity"/> around <paramref name="data"/>, now, TLP:CLEAR.</summary>
    private JsonObject Wrap(string entity, JsonObject data)
    {
        var message = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = _oin is null ? "urn:nld:oin:00000001000000000000:systeem:conformance" : Source,
            ["type"] = ReleaseFacts.MessageType(entity),
            ["time"] = Now(),
            ["datacontenttype"] = "application/json",
            ["dataschema"] = Release.Id(entity),
            ["tlp"] = "TLP:CLEAR",
            ["doelbinding"] = "incidentbestrijding",
            ["bewaartermijn"] = "P30D",
            ["data"] = data,
        };
        if (S(data["id"]) is { } id)
        {
            message["subject"] = id;
        }

        return message;
    }

    /// <summary>An example envelope made fresh: a new id, now, TLP:CLEAR, no expiry, recipients or signature.</summary>
    private JsonObject Renew(JsonObject message, string keep = "")
    {
        void Set(string name, JsonNode? value)
        {
            if (name != keep)
            {
                if (value is null)
                {
                    message.Remove(name);
                }
                else
                {
                    message[name] = value;
                }
            }
        }

        Set("id", Guid.NewGuid().ToString());
        Set("time", Now());
        Set("tlp", "TLP:CLEAR");
        Set("expirytime", null);
        Set("ontvangers", null);
        Set("jws", null);
        if (_oin is not null && keep != "jws")
        {
            Set("source", Source);
        }

        return message;
    }

    private byte[] Deliverable(JsonObject message) => _signer is null ? Bytes(message) : _signer.Sign(Bytes(message));

    private static byte[] Bytes(JsonNode message) => Encoding.UTF8.GetBytes(message.ToJsonString(Compact));

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Signs <paramref name="message"/> with a certificate the kit makes itself, for the OIN its source names.</summary>
    private static byte[] SignUntrusted(JsonObject message)
    {
        var oin = (S(message["source"]))?.Split(':') is { Length: >= 4 } parts ? parts[3] : "00000001000000000000";
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=conformance, SERIALNUMBER={oin}, O=Niet vertrouwd", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return new MessageSigner(certificate).Sign(Bytes(message));
    }

    private static string? SerialNumber(X509Certificate2 certificate) =>
        certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(n => n.GetSingleElementType().Value == "2.5.4.5")
            .Select(n => n.GetSingleElementValue())
            .FirstOrDefault();

    // ---- HTTP.

    private Task<Answer> PostAsync(byte[] body, string contentType = "application/cloudevents+json") =>
        SendAsync(HttpMethod.Post, KnooppuntRoutes.Berichten, body, contentType);

    private async Task<Answer> SendAsync(HttpMethod method, string path, byte[]? body = null, string? contentType = null, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, path.TrimStart('/')));
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.ExpectContinue = expectContinue;
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, _cancellation).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (_answers.Count > 0)
        {
            // The system answered before, so it is there: a connection it closed on this request is its answer.
            _silent.Add($"{method} {path.Split('?')[0]}: {e.Message}");
            return new Answer(method.Method, path.Split('?')[0], 0, null, [], []);
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(_cancellation).ConfigureAwait(false);
            var headers = response.Headers.Select(h => h.Key).Concat(response.Content.Headers.Select(h => h.Key)).ToList();
            var answer = new Answer(method.Method, path.Split('?')[0], (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, headers, bytes);
            _answers.Add(answer);
            return answer;
        }
    }

    // ---- Results.

    private void Check(string id, (ConformanceResult Result, string Detail) outcome) =>
        Checks.Add(new ConformanceCheck(id, Requirements + id.ToLowerInvariant(), outcome.Result, outcome.Detail));

    private static (ConformanceResult, string) Pass(string detail) => (ConformanceResult.Pass, detail);

    private static (ConformanceResult, string) Fail(string detail) => (ConformanceResult.Fail, detail);

    private static (ConformanceResult, string) Skip(string detail) => (ConformanceResult.Skip, detail);

    /// <summary>The member at <paramref name="names"/> through objects only, or <c>null</c> (an answer may have any shape).</summary>
    private static JsonNode? At(JsonNode? node, params string[] names)
    {
        foreach (var name in names)
        {
            node = node is JsonObject o ? o[name] : null;
        }

        return node;
    }

    /// <summary>A string member of an answer, or <c>null</c> when it is missing or not a string.</summary>
    private static string? S(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Few(IEnumerable<string> items)
    {
        var list = items.ToList();
        return string.Join("; ", list.Take(5)) + (list.Count > 5 ? $"; and {list.Count - 5} more" : "");
    }

    /// <summary>One answer of the system.</summary>
    private sealed class Answer(string method, string path, int status, string? mediaType, IReadOnlyList<string> headers, byte[] body)
    {
        private JsonNode? _json;
        private bool _parsed;

        public string Method { get; } = method;

        public string Path { get; } = path;

        public int Status { get; } = status;

        public string? MediaType { get; } = mediaType;

        public IReadOnlyList<string> Headers { get; } = headers;

        public byte[] Body { get; } = body;

        public bool HasVersion => Headers.Contains("API-Version", StringComparer.OrdinalIgnoreCase);

        public JsonNode? Json
        {
            get
            {
                if (!_parsed)
                {
                    _parsed = true;
                    try
                    {
                        _json = Body.Length == 0 ? null : JsonNode.Parse(Body);
                    }
                    catch (JsonException)
                    {
                        _json = null;
                    }
                }

                return _json;
            }
        }

        public bool Accepted => Status is 201 || (Status == 200 && S(Object?["status"]) is "geaccepteerd" or "dubbel");

        public bool Refused => Status is >= 400 and < 500;

        public bool RefusedFor(string codes) => Refused && (Code?.StartsWith(codes, StringComparison.Ordinal) ?? false);

        /// <summary>The body when it is a JSON object (a system may answer anything).</summary>
        public JsonObject? Object => Json as JsonObject;

        public string? Code => S(Object?["code"]);

        public string? Detail => S(Object?["detail"]);

        public IReadOnlyList<string> Locations => Object?["invalidParams"] is JsonArray list ? [.. list.Select(p => p is JsonObject item ? S(item["name"]) : null).OfType<string>()] : [];

        public bool IsProblem => MediaType == "application/problem+json" && Json is JsonObject o
            && o["status"] is JsonValue s && s.TryGetValue<int>(out var status) && status == Status
            && o["title"] is JsonValue t && t.GetValueKind() == JsonValueKind.String
            && o["detail"] is JsonValue d && d.GetValueKind() == JsonValueKind.String;
    }
}
