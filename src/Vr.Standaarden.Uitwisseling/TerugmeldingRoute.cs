using System.Text.Json.Nodes;

namespace Vr.Standaarden.Uitwisseling;

/// <summary>
/// Where a terugmelding goes, decided the same way by the reporter, every node on the way and the bronhouder. A
/// terugmelding about a field of a message (<c>bericht</c> + <c>veld</c>, release 1.2) is addressed to the field's
/// bronhouder: the <c>bronhouder</c> of the nearest <c>herkomst</c> on the path to the field (the field's own object or
/// one around it), else the organisation in the message's <c>source</c>. While it is <c>INGEDIEND</c> it travels to that
/// bronhouder; every answer (a later <c>status</c>) travels back to the <c>melder</c>.
/// </summary>
public static class TerugmeldingRoute
{
    /// <summary>The CloudEvents <c>type</c> of a terugmelding of major line 1.</summary>
    public const string Type = "nl.veiligheidsregio.terugmelding.v1";

    /// <summary>The status of a terugmelding on its way to the bronhouder.</summary>
    public const string Submitted = "INGEDIEND";

    /// <summary>
    /// The OIN of the bronhouder of the field at <paramref name="field"/> (a JSON Pointer into the message's
    /// <c>data</c>): the nearest <c>herkomst.bronhouder</c> on the path, else the OIN in the message's <c>source</c>;
    /// <c>null</c> when neither names one.
    /// </summary>
    /// <exception cref="FormatException"><paramref name="field"/> is not a JSON Pointer (RFC 6901) to a member.</exception>
    public static string? BronhouderOf(JsonObject message, string field)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(field);
        var steps = Steps(field);
        JsonNode? at = message["data"];
        var holder = HolderAt(at);
        foreach (var step in steps)
        {
            at = at switch
            {
                JsonObject o => o[step],
                JsonArray a when int.TryParse(step, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (at is null)
            {
                break;
            }

            holder = HolderAt(at) ?? holder;
        }

        return holder ?? (message["source"] is JsonValue source && source.TryGetValue<string>(out var text) ? MessageVerifier.OinOf(text) : null);
    }

    /// <summary>
    /// The OIN a terugmelding message is on its way to: its <c>bronhouder</c> while its <c>status</c> is
    /// <c>INGEDIEND</c>, its <c>melder</c> once the bronhouder answered; <c>null</c> for any other message, or a
    /// terugmelding about a basisregistratie (which goes to that registration, outside this exchange).
    /// </summary>
    public static string? AddresseeOf(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Text(message, "type") != Type || message["data"] is not JsonObject data || data["bericht"] is not JsonObject)
        {
            return null;
        }

        return Text(data, "status") == Submitted ? Text(data, "bronhouder") : Text(data, "melder");
    }

    /// <summary>The steps of a JSON Pointer to a member, unescaped.</summary>
    /// <exception cref="FormatException">Not a JSON Pointer, or the pointer to the whole document.</exception>
    public static IReadOnlyList<string> Steps(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Length < 2 || field[0] != '/')
        {
            throw new FormatException($"'{field}' is not a JSON Pointer to a field: it starts with '/' and names at least one member.");
        }

        var steps = field[1..].Split('/');
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            for (var c = step.IndexOf('~'); c >= 0; c = step.IndexOf('~', c + 1))
            {
                if (c + 1 >= step.Length || step[c + 1] is not ('0' or '1'))
                {
                    throw new FormatException($"'{field}' is not a JSON Pointer: '~' is followed by 0 or 1 (RFC 6901).");
                }
            }

            steps[i] = step.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }

        return steps;
    }

    private static string? HolderAt(JsonNode? node) => node is JsonObject o && o["herkomst"] is JsonObject herkomst ? Text(herkomst, "bronhouder") : null;

    private static string? Text(JsonObject node, string name) => node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
