using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Transport;

namespace Vr.Standaarden.Knooppunt.Tests;

/// <summary>Incident messages for the tests: the newest release's incident example, from a source at a time.</summary>
internal static class TestIncidents
{
    /// <summary>The example from <paramref name="source"/> at <paramref name="time"/> with id <c>&lt;system&gt;-&lt;number&gt;</c>, changed by <paramref name="change"/>.</summary>
    public static JsonObject Message(string source, int number, DateTimeOffset time, Action<JsonObject>? change = null)
    {
        var message = JsonNode.Parse(Standard.Newest.Find("voorbeelden/geldig/bericht-incident-envelop.json")!.Utf8.Span)!.AsObject();
        message["source"] = source;
        message["id"] = $"{source.Split(':')[^1]}-{number}";
        message["time"] = time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        change?.Invoke(message["data"]!.AsObject());
        return message;
    }

    /// <summary>A valid message at 21:<paramref name="minute"/> that declares <paramref name="grip"/> (in its history too, as the domain rule wants).</summary>
    public static TransportMessage WithGrip(string source, int minute, string grip)
    {
        var message = Message(source, minute, new DateTimeOffset(2026, 11, 20, 21, minute, 0, TimeSpan.FromHours(1)), data =>
        {
            data["grip"]!["niveau"] = grip;
            data["grip"]!["historie"]![0]!["niveau"] = grip;
        });
        return TransportMessage.Parse(Encoding.UTF8.GetBytes(message.ToJsonString()));
    }
}
