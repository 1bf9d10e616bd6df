using System.Text;
using System.Text.Json.Nodes;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Vr.Standaarden.Testing;
using Vr.Standaarden.Transport;
using Vr.Standaarden.Transport.Nats;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>
/// A terugmelding about a field goes from the national node to the bronhouder's regional node over JetStream (a real
/// nats-server), is handled there, and its answers come back: the national picture marks the field until it is handled.
/// </summary>
public sealed class TerugmeldingFlowTests : IDisposable
{
    private const string RegionOrg = "00000099150000000000";
    private const string RegionNode = "00000099150000000001";
    private const string GmsOin = "00000099150000000010";
    private const string Gms = $"urn:nld:oin:{GmsOin}:systeem:GMS";
    private const string National = "00000099990000000000";
    private const string Desk = $"urn:nld:oin:{National}:systeem:LCMS";
    private readonly string _folder = Directory.CreateTempSubdirectory("vr-terugmelding-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private static RecipientRegister Register() => RecipientRegister.Parse(Encoding.UTF8.GetBytes($$"""
        {"afnemers": [
          {"oin": "{{RegionOrg}}", "naam": "VR15", "klantVan": ["{{National}}"], "gemeenschappen": ["vr"], "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon"]},
          {"oin": "{{RegionNode}}", "naam": "VR15 knooppunt", "organisatie": "{{RegionOrg}}", "klantVan": ["{{National}}"], "gemeenschappen": ["vr"], "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon"]},
          {"oin": "{{GmsOin}}", "naam": "VR15 GMS", "organisatie": "{{RegionOrg}}", "gemeenschappen": ["vr"], "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon"]},
          {"oin": "{{National}}", "naam": "Landelijk knooppunt", "klantVan": ["{{RegionOrg}}"], "gemeenschappen": ["vr"], "doelen": ["incidentbestrijding"], "persoonsgegevens": ["gewoon", "bijzonder"]}
        ]}
        """));

    [Fact]
    public async Task A_terugmelding_reaches_the_bronhouder_across_nodes_and_its_answers_close_the_mark_on_the_national_picture()
    {
        using var server = NatsServer.StartJetStream();
        await using var connection = new NatsConnection(new NatsOpts { Url = server.Url });
        var js = new NatsJSContext(connection);
        await NatsStreams.EnsureNodeAsync(js, "landelijk");
        await NatsStreams.EnsureNodeAsync(js, "vr15");
        var register = Register();

        using var regional = new KnooppuntIngest(Path.Combine(_folder, "regio.db")) { TerugmeldingSource = $"urn:nld:oin:{RegionNode}:systeem:knooppunt" };
        regional.Bronhouders.Add(GmsOin);
        using var national = new KnooppuntIngest(Path.Combine(_folder, "landelijk.db"));
        using var up = new KnooppuntForwarder(regional, new NatsMessageSender(js, new NatsSenderOptions { Node = "landelijk" }),
            new ForwarderOptions { Name = "landelijk", Policy = new SharingPolicy(register), Recipient = National });
        using var down = new KnooppuntForwarder(national, new NatsMessageSender(js, new NatsSenderOptions { Node = "vr15" }),
            new ForwarderOptions { Name = "vr15", Policy = new SharingPolicy(register), Recipient = RegionNode, Reaches = new HashSet<string> { RegionOrg, GmsOin } });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var receivers = new[]
        {
            Receive(national, National, "landelijk", js, register, cts.Token),
            Receive(regional, RegionNode, "vr15", js, register, cts.Token),
        };

        // The meldkamer's incident reaches the national picture through the regional node.
        var doubted = Incident(1, "GRIP4", causation: null);
        Assert.True(regional.Ingest(doubted));
        Assert.Equal(1, (await up.ForwardAsync()).Forwarded);
        await Until(() => national.Read(p => p.Incident("INC-15-1")) is not null, cts.Token);

        // At the national node someone doubts its GRIP level (TLP:AMBER: the region is a client of the national
        // organisation, as the register says). The field names no herkomst, so the bronhouder is the sender.
        var recorded = national.Log.Until().Single(m => (string?)m["id"] == (string?)doubted["id"]);
        Assert.Equal(GmsOin, TerugmeldingRoute.BronhouderOf(recorded, "/grip/niveau"));
        var report = Report(recorded, "/grip/niveau", "GRIP4");
        Assert.True(national.Ingest(report));
        var mark = Assert.Single(national.Read(p => p.Incident("INC-15-1"))!.Terugmeldingen);
        Assert.Equal(("grip", "/grip/niveau", "INGEDIEND", GmsOin), (mark.Field, mark.Veld, mark.Status, mark.Bronhouder));

        // Down to the region: only the node that leads to the bronhouder gets it, and it becomes a case there.
        await down.ForwardAsync();
        await Until(() => regional.Terugmeldingen.Count == 1, cts.Token);
        var held = Assert.Single(regional.Terugmeldingen);
        Assert.Equal(("TM-LCMS-1", Terugmeldingsstand.Ingediend), (held.Id, held.Status));

        // The bronhouder looks into it; the answer goes up, the report itself does not go back.
        regional.HandleTerugmelding(held.Id, Terugmeldingsstand.InOnderzoek);
        var second = await up.ForwardAsync();
        Assert.Equal((1, 1), (second.Forwarded, second.Withheld));
        await Until(() => national.Read(p => p.Incident("INC-15-1"))!.Terugmeldingen is [{ Status: "IN_ONDERZOEK" }], cts.Token);

        // The meldkamer corrects the level in a message caused by the terugmelding; the bronhouder closes it with that message.
        var corrected = Incident(2, "GRIP2", causation: (string?)report["id"]);
        Assert.True(regional.Ingest(corrected));
        var closed = regional.HandleTerugmelding(held.Id, Terugmeldingsstand.Gewijzigd, (string?)corrected["id"]);
        Assert.Equal((string?)corrected["id"], closed.Antwoord);
        await up.ForwardAsync();
        await Until(() => national.Read(p => p.Incident("INC-15-1"))!.Terugmeldingen.Count == 0, cts.Token);

        // The national picture has the corrected value, and the answer there names the correcting message.
        Assert.Equal("GRIP2", (string?)national.Read(p => p.Incident("INC-15-1"))!.Fields["grip"].Value);
        var answer = national.Log.Until().Single(m => (string?)m["type"] == TerugmeldingRoute.Type && (string?)m["data"]?["status"] == "GEWIJZIGD");
        Assert.Equal((string?)corrected["id"], (string?)answer["causationid"]);
        Assert.Equal("INC-15-1", (string?)answer["correlationid"]);
        Assert.Equal(National, TerugmeldingRoute.AddresseeOf(answer));

        await cts.CancelAsync();
        await Task.WhenAll(receivers);
    }

    [Fact]
    public async Task A_next_node_that_does_not_lead_to_the_addressee_never_gets_the_terugmelding()
    {
        using var national = new KnooppuntIngest(Path.Combine(_folder, "landelijk.db"));
        national.Ingest(Incident(1, "GRIP4", causation: null));
        national.Ingest(Report(Incident(1, "GRIP4", causation: null), "/grip/niveau", "GRIP4"));
        var channel = new InProcessChannel();
        using var elsewhere = new KnooppuntForwarder(national, channel,
            new ForwarderOptions { Name = "vr07", Policy = new SharingPolicy(Register()), Recipient = RegionNode, Reaches = new HashSet<string> { "00000099070000000000" } });
        var result = await elsewhere.ForwardAsync();
        Assert.Equal((1, 1), (result.Forwarded, result.Withheld));
        channel.Complete();
        var sent = new List<string?>();
        await foreach (var delivery in channel.ReadAllAsync())
        {
            sent.Add((string?)JsonNode.Parse(delivery.Utf8.Span)!["type"]);
            await delivery.AcknowledgeAsync();
        }

        Assert.Equal(["nl.veiligheidsregio.incident.v1"], sent);
    }

    [Theory]
    [InlineData("/grip/niveau", GmsOin)]
    [InlineData("/locatie/omschrijving", "00000001003214345000")]
    [InlineData("/locatie", "00000001003214345000")]
    [InlineData("/nergens/iets", GmsOin)]
    public void The_bronhouder_of_a_field_is_the_nearest_herkomst_on_its_path_else_the_sender(string field, string expected)
    {
        var message = Incident(1, "GRIP4", causation: null);
        message["data"]!["locatie"]!["herkomst"] = new JsonObject { ["bronhouder"] = "00000001003214345000", ["tijdstip"] = "2026-11-20T21:00:00+01:00" };
        Assert.Equal(expected, TerugmeldingRoute.BronhouderOf(message, field));
    }

    [Theory]
    [InlineData("")]
    [InlineData("grip")]
    [InlineData("/grip~2")]
    public void A_field_that_is_no_pointer_to_a_member_is_refused(string field) =>
        Assert.Throws<FormatException>(() => TerugmeldingRoute.BronhouderOf(Incident(1, "GRIP4", causation: null), field));

    private static Task Receive(KnooppuntIngest node, string recipient, string stream, NatsJSContext js, RecipientRegister register, CancellationToken cancellationToken)
    {
        var receiver = node.Attach(new MessageReceiver(new ReceiverOptions
        {
            Verification = VerificationMode.Off,
            Policy = new SharingPolicy(register),
            Recipient = recipient,
            Inbox = node.Inbox,
        }));
        return receiver.RunAsync(new NatsMessageSource(js, new NatsSourceOptions { Node = stream, Consumer = "knooppunt" }), cancellationToken);
    }

    private static async Task Until(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    private static JsonObject Incident(int number, string grip, string? causation)
    {
        var message = TestIncidents.Message(Gms, number, new DateTimeOffset(2026, 11, 20, 21, number, 0, TimeSpan.FromHours(1)), data =>
        {
            data["id"] = "INC-15-1";
            data["grip"]!["niveau"] = grip;
            data["grip"]!["historie"]![0]!["niveau"] = grip;
        });
        message["subject"] = "INC-15-1";
        message["correlationid"] = "INC-15-1";
        message["tlp"] = "TLP:AMBER";
        message["doelbinding"] = "incidentbestrijding";
        message.Remove("expirytime");
        if (causation is not null)
        {
            message["causationid"] = causation;
        }

        return message;
    }

    // What the national desk sends: a terugmelding naming the message, the field and the reason, caused by the message.
    internal static JsonObject Report(JsonObject doubted, string field, string current, string source = Desk, string status = "INGEDIEND", int minute = 30, string? melder = null) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = $"TM-{status}-{minute}",
        ["source"] = source,
        ["type"] = TerugmeldingRoute.Type,
        ["time"] = $"2026-11-20T21:{minute:00}:00+01:00",
        ["datacontenttype"] = "application/json",
        ["dataschema"] = $"https://vr-standaarden.github.io/spec/{Vr.Standaarden.Model.Messages.Release}/schemas/terugmelding.schema.json",
        ["tlp"] = "TLP:AMBER",
        ["doelbinding"] = "incidentbestrijding",
        ["bewaartermijn"] = "P30D",
        ["correlationid"] = (string?)doubted["correlationid"],
        ["causationid"] = (string?)doubted["id"],
        ["data"] = new JsonObject
        {
            ["id"] = "TM-LCMS-1",
            ["bericht"] = new JsonObject { ["bron"] = (string?)doubted["source"], ["id"] = (string?)doubted["id"] },
            ["veld"] = field,
            ["bronhouder"] = TerugmeldingRoute.BronhouderOf(doubted, field),
            ["huidigeWaarde"] = current,
            ["voorgesteldeWaarde"] = "GRIP2",
            ["reden"] = "Het ROT schaalde om 21:20 af naar GRIP 2.",
            ["status"] = status,
            ["melder"] = melder ?? MessageVerifier.OinOf(source),
            ["tijdstip"] = "2026-11-20T21:30:00+01:00",
        },
    };
}
