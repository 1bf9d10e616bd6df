using System.Text;
using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Uitwisseling;

namespace Vr.Standaarden.Transport.Tests;

/// <summary>Messages for the tests, made from the newest release's incident example with their own ids and times.</summary>
internal static class TestMessages
{
    public const string Sender = "00000004000000042000";
    public const string Node = "00000004000000099000";
    public const string Outsider = "00000004000000077000";
    public const string Limited = "00000004000000055000";

    private static readonly JsonObject Template = JsonNode.Parse(Standard.Newest.Find("voorbeelden/geldig/bericht-incident-envelop.json")!.Utf8.Span)!.AsObject();

    /// <summary>The recipient register: the node is a client of the sender's organisation; the outsider is not.</summary>
    public static RecipientRegister Register { get; } = RecipientRegister.Parse(Encoding.UTF8.GetBytes($$"""
        {"afnemers":[
          {"oin":"{{Node}}","naam":"Knooppunt","klantVan":["{{Sender}}"],"doelen":["incidentbestrijding","crisisbeheersing"],"persoonsgegevens":["gewoon","bijzonder"],"rubricering":"geen"},
          {"oin":"{{Outsider}}","naam":"Buitenstaander","doelen":["statistiek"],"persoonsgegevens":[],"rubricering":"geen"},
          {"oin":"{{Limited}}","naam":"Zonder persoonsgegevens","klantVan":["{{Sender}}"],"doelen":["incidentbestrijding"],"persoonsgegevens":[],"rubricering":"geen"}
        ]}
        """));

    public static JsonObject IncidentJson(int n, string? source = null)
    {
        var message = Template.DeepClone().AsObject();
        var now = DateTimeOffset.UtcNow;
        message["id"] = $"bericht-{n:D6}";
        if (source is not null)
        {
            message["source"] = source;
        }

        message["time"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        message["expirytime"] = now.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return message;
    }

    public static TransportMessage Incident(int n, string? source = null) => TransportMessage.Parse(Encoding.UTF8.GetBytes(IncidentJson(n, source).ToJsonString()));

    public static IReadOnlyList<TransportMessage> Incidents(int count, int first = 0) => [.. Enumerable.Range(first, count).Select(i => Incident(i))];

    /// <summary>A receiver that checks what it can without a PKI: validation and the sharing policy for the node, de-duplication in <paramref name="inbox"/>.</summary>
    public static ReceiverOptions Unsigned(IInbox inbox) => new()
    {
        Verification = VerificationMode.Off,
        Policy = new SharingPolicy(Register),
        Recipient = Node,
        Inbox = inbox,
    };
}
