using System.Globalization;
using System.Text.Json.Nodes;
using Vr.Standaarden.Spec;

namespace Vr.Standaarden.Benchmarks.Exchange;

/// <summary>What the load tools share: incident messages of the 25 regions' systems, and their command-line options.</summary>
internal static class LoadIncidents
{
    /// <summary>The three systems that report every incident, in turn.</summary>
    public static readonly string[] Systems = ["GMS", "LCMS", "BRWIS"];

    /// <summary>The incident example of the model's release without <c>expirytime</c> and units, to be copied per message.</summary>
    public static JsonObject Template()
    {
        var template = JsonNode.Parse(Standard.Release(Vr.Standaarden.Model.Messages.Release).Find("voorbeelden/geldig/bericht-incident-envelop.json")!.Utf8.Span)!.AsObject();
        template.Remove("expirytime");
        template["data"]!.AsObject().Remove("eenheden");
        return template;
    }

    /// <summary>
    /// A copy of <paramref name="template"/>: incident <paramref name="incidentId"/> of region <paramref name="region"/>
    /// (1–25) reported by <see cref="Systems"/>[<paramref name="system"/>] as message <paramref name="messageId"/> at
    /// <paramref name="time"/> (RFC 3339), at GRIP 2 when <paramref name="grip2"/>.
    /// </summary>
    public static JsonObject Incident(JsonObject template, int region, string incidentId, int system, string messageId, string time, bool grip2)
    {
        var message = template.DeepClone().AsObject();
        var nn = region.ToString("00", CultureInfo.InvariantCulture);
        message["source"] = $"urn:nld:oin:00000099{nn}00000000{(system + 1) * 10}:systeem:{Systems[system]}";
        message["id"] = messageId;
        message["time"] = time;
        message["subject"] = incidentId;
        message["correlationid"] = incidentId;
        var data = message["data"]!.AsObject();
        data["id"] = incidentId;
        data["veiligheidsregio"] = $"VR{nn}";
        data["locatie"]!["veiligheidsregio"] = $"VR{nn}";
        if (grip2)
        {
            data["grip"]!["niveau"] = "GRIP2";
            data["grip"]!["historie"]![0]!["niveau"] = "GRIP2";
        }

        return message;
    }

    /// <summary>The number after <paramref name="name"/> in <paramref name="args"/>, or <paramref name="fallback"/>.</summary>
    public static double Option(string[] args, string name, double fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
