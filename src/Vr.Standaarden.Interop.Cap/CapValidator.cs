using System.Globalization;
using System.Text.RegularExpressions;

namespace Vr.Standaarden.Interop.Cap;

/// <summary>How <see cref="CapValidator"/> judges what CAP 1.2's usage notes advise against.</summary>
public enum CapValidationMode
{
    /// <summary>What the schema or a MUST of CAP 1.2 forbids is an error; what its usage notes advise against, a warning (the default).</summary>
    Lenient,

    /// <summary>What the usage notes advise against is an error too.</summary>
    Strict,
}

/// <summary>How bad a finding is.</summary>
public enum CapSeverity
{
    /// <summary>The alert breaks CAP.</summary>
    Error,

    /// <summary>CAP allows it, but it is deprecated or likely a mistake.</summary>
    Warning,
}

/// <summary>One finding of <see cref="CapValidator"/>.</summary>
/// <param name="Code">A stable code, <c>CAP-001</c>…, listed in <see cref="CapValidator"/>.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Path">Where, as a path: <c>/alert/info[1]/area[2]/polygon[1]</c> (positions from 1).</param>
/// <param name="Line">The line it was read at (0 for an alert made in code).</param>
/// <param name="Column">The column it was read at.</param>
/// <param name="Message">What is wrong, in English.</param>
public sealed record CapFinding(string Code, CapSeverity Severity, string Path, int Line, int Column, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path} ({Line}:{Column}): {(Severity == CapSeverity.Error ? "error" : "warning")} {Code}: {Message}";
}

/// <summary>
/// Checks an alert against CAP 1.2 (and the CAP version it was read as). The codes:
/// <list type="table">
/// <item><term>CAP-001</term><description>a required element is missing (alert, info, resource, area, pair).</description></item>
/// <item><term>CAP-002</term><description>elements out of the schema's order.</description></item>
/// <item><term>CAP-003</term><description>an element that may appear once appears more often.</description></item>
/// <item><term>CAP-004</term><description>a value outside its code list (status, msgType, scope, category, responseType, urgency, severity, certainty).</description></item>
/// <item><term>CAP-005</term><description>a date and time not in CAP's form <c>YYYY-MM-DDThh:mm:ss±hh:mm</c> (no fractions, no <c>Z</c>).</description></item>
/// <item><term>CAP-006</term><description>identifier or sender with a space, comma, <c>&lt;</c> or <c>&amp;</c>, or empty.</description></item>
/// <item><term>CAP-007</term><description>references that are not space-separated <c>sender,identifier,sent</c> triplets (an empty references: a usage note).</description></item>
/// <item><term>CAP-008</term><description>a reference to the alert itself.</description></item>
/// <item><term>CAP-009</term><description>restriction without scope Restricted (a usage note), or scope Restricted without restriction (warning).</description></item>
/// <item><term>CAP-010</term><description>scope Private without addresses.</description></item>
/// <item><term>CAP-011</term><description>a polygon that is not closed <c>lat,lon</c> pairs, has fewer than 4 points, or a coordinate out of range (an empty polygon: a usage note).</description></item>
/// <item><term>CAP-012</term><description>a polygon that crosses itself.</description></item>
/// <item><term>CAP-013</term><description>a circle that is not <c>lat,lon radius</c> with a radius of 0 or more kilometres.</description></item>
/// <item><term>CAP-014</term><description>altitude or ceiling not a number, ceiling without altitude, or ceiling not above altitude.</description></item>
/// <item><term>CAP-015</term><description>a resource with a bad size, MIME type, digest or derefUri, or a relative uri without derefUri.</description></item>
/// <item><term>CAP-016</term><description>web that is not an absolute URI.</description></item>
/// <item><term>CAP-017</term><description>certainty "Very Likely", deprecated since CAP 1.1 (warning).</description></item>
/// <item><term>CAP-018</term><description>an Update, Cancel, Ack or Error without references (warning).</description></item>
/// <item><term>CAP-019</term><description>a language that is not an RFC 3066 tag.</description></item>
/// <item><term>CAP-020</term><description>(warning) a polygon too tangled to check for crossings within a bound on the pairs of edges compared.</description></item>
/// </list>
/// </summary>
public static partial class CapValidator
{
    private static readonly string[] Statuses = ["Actual", "Exercise", "System", "Test", "Draft"];
    private static readonly string[] MsgTypes = ["Alert", "Update", "Cancel", "Ack", "Error"];
    private static readonly string[] Scopes = ["Public", "Restricted", "Private"];
    private static readonly string[] Categories = ["Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"];
    private static readonly string[] ResponseTypes = ["Shelter", "Evacuate", "Prepare", "Execute", "Avoid", "Monitor", "Assess", "AllClear", "None"];
    private static readonly string[] Urgencies = ["Immediate", "Expected", "Future", "Past", "Unknown"];
    private static readonly string[] Severities = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"];
    private static readonly string[] Certainties = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"];

    private static readonly string[] AlertOrder = CapWriterOrder.Alert;
    private static readonly string[] InfoOrder = CapWriterOrder.Info;
    private static readonly string[] ResourceOrder = ["resourceDesc", "mimeType", "size", "uri", "derefUri", "digest"];
    private static readonly string[] AreaOrder = ["areaDesc", "polygon", "circle", "geocode", "altitude", "ceiling"];
    private static readonly string[] PairOrder = ["valueName", "value"];
    private static readonly HashSet<string> Repeating = ["code", "info", "category", "responseType", "eventCode", "parameter", "resource", "area", "polygon", "circle", "geocode"];

    /// <summary>
    /// Every finding on <paramref name="alert"/>, errors and warnings, in document order; what only the standard's usage
    /// notes advise against is a warning (<see cref="CapValidationMode.Lenient"/>).
    /// </summary>
    public static IReadOnlyList<CapFinding> Validate(CapAlert alert) => Validate(alert, CapValidationMode.Lenient);

    /// <summary>
    /// Every finding on <paramref name="alert"/>, errors and warnings, in document order. Errors are what the schema or
    /// a MUST of CAP 1.2 forbids; with <see cref="CapValidationMode.Strict"/> what its usage notes advise against
    /// (restriction on another scope than Restricted, an empty references, an empty polygon) is an error too.
    /// </summary>
    public static IReadOnlyList<CapFinding> Validate(CapAlert alert, CapValidationMode mode)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var findings = new List<CapFinding>();
        var v = new Run(findings, mode == CapValidationMode.Strict ? CapSeverity.Error : CapSeverity.Warning);
        v.Alert(alert);
        return findings;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$")]
    private static partial Regex CapDate();

    [GeneratedRegex(@"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\s*;.*)?$")]
    private static partial Regex MimeType();

    /// <param name="findings">Where the findings go.</param>
    /// <param name="usageNote">The severity of what only a usage note of CAP 1.2 advises against.</param>
    private sealed class Run(List<CapFinding> findings, CapSeverity usageNote)
    {
        public void Alert(CapAlert a)
        {
            const string path = "/alert";
            Structure(a, path, AlertOrder, ["identifier", "sender", "sent", "status", "msgType", "scope"]);
            Characters(a, path, "identifier", a.Identifier);
            Characters(a, path, "sender", a.Sender);
            Date(a, path, "sent", a.Sent);
            Code(a, path, "status", a.Status, Statuses);
            Code(a, path, "msgType", a.MsgType, MsgTypes);
            Code(a, path, "scope", a.Scope, Scopes);
            if (a.Restriction is not null && a.Scope != "Restricted")
            {
                Add("CAP-009", usageNote, a, path, "restriction", 1, $"restriction is for scope Restricted; the scope is {a.Scope}.");
            }
            else if (a.Restriction is null && a.Scope == "Restricted")
            {
                Add("CAP-009", CapSeverity.Warning, a, path, "scope", 1, "Scope Restricted without a restriction saying who may see the alert.");
            }

            if (a.Scope == "Private" && string.IsNullOrWhiteSpace(a.Addresses))
            {
                Add("CAP-010", CapSeverity.Error, a, path, "scope", 1, "Scope Private needs addresses.");
            }

            References(a, path);
            for (var i = 0; i < a.Infos.Count; i++)
            {
                Info(a.Infos[i], $"{path}/info[{i + 1}]", a.Namespace);
            }
        }

        private void References(CapAlert a, string path)
        {
            if (a.References is null)
            {
                if (a.MsgType is "Update" or "Cancel" or "Ack" or "Error")
                {
                    Add("CAP-018", CapSeverity.Warning, a, path, "msgType", 1, $"A {a.MsgType} should name the alerts it refers to in references.");
                }

                return;
            }

            var entries = a.References.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (entries.Length == 0)
            {
                Add("CAP-007", usageNote, a, path, "references", 1, "references is empty.");
            }

            foreach (var entry in entries)
            {
                var parts = entry.Split(',');
                if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || !CapDate().IsMatch(parts[2]))
                {
                    Add("CAP-007", CapSeverity.Error, a, path, "references", 1, $"'{entry}' is not sender,identifier,sent with sent in CAP's date form.");
                }
                else if (parts[0] == a.Sender && parts[1] == a.Identifier)
                {
                    Add("CAP-008", CapSeverity.Error, a, path, "references", 1, $"The alert refers to itself ({entry}).");
                }
            }
        }

        private void Info(CapInfo info, string path, string ns)
        {
            Structure(info, path, InfoOrder, ["category", "event", "urgency", "severity", "certainty"]);
            if (info.Language is { } language && !LanguageTag().IsMatch(language))
            {
                Add("CAP-019", CapSeverity.Error, info, path, "language", 1, $"'{language}' is not a language tag such as nl-NL.");
            }

            for (var i = 0; i < info.Categories.Count; i++)
            {
                Code(info, path, "category", info.Categories[i], Categories, i + 1);
            }

            for (var i = 0; i < info.ResponseTypes.Count; i++)
            {
                Code(info, path, "responseType", info.ResponseTypes[i], ResponseTypes, i + 1);
            }

            Code(info, path, "urgency", info.Urgency, Urgencies);
            Code(info, path, "severity", info.Severity, Severities);
            if (info.Certainty == "Very Likely")
            {
                Add("CAP-017", CapSeverity.Warning, info, path, "certainty", 1, "Certainty 'Very Likely' is deprecated since CAP 1.1; use 'Likely'.");
            }
            else
            {
                Code(info, path, "certainty", info.Certainty, Certainties);
            }

            Date(info, path, "effective", info.Effective);
            Date(info, path, "onset", info.Onset);
            Date(info, path, "expires", info.Expires);
            if (info.Web is { } web && !Uri.TryCreate(web.Trim(), UriKind.Absolute, out _))
            {
                Add("CAP-016", CapSeverity.Error, info, path, "web", 1, $"web '{web}' is not an absolute URI.");
            }

            Pairs(info.EventCodes, path, "eventCode");
            Pairs(info.Parameters, path, "parameter");
            for (var i = 0; i < info.Resources.Count; i++)
            {
                Resource(info.Resources[i], $"{path}/resource[{i + 1}]", ns);
            }

            for (var i = 0; i < info.Areas.Count; i++)
            {
                Area(info.Areas[i], $"{path}/area[{i + 1}]");
            }
        }

        private void Pairs(IList<CapValue> pairs, string path, string name)
        {
            for (var i = 0; i < pairs.Count; i++)
            {
                var pair = pairs[i];
                var at = $"{path}/{name}[{i + 1}]";
                if (!pair.AsText)
                {
                    Structure(pair, at, PairOrder, ["valueName", "value"]);
                }
                else if (pair.ValueName.Length == 0)
                {
                    findings.Add(new CapFinding("CAP-001", CapSeverity.Error, at, pair.Line, pair.Column, $"{name} has no valueName."));
                }
            }
        }

        private void Resource(CapResource r, string path, string ns)
        {
            Structure(r, path, ResourceOrder, ns == CapNamespaces.Cap12 ? ["resourceDesc", "mimeType"] : ["resourceDesc"]);
            if (r.MimeType is { } mime && !MimeType().IsMatch(mime.Trim()))
            {
                Add("CAP-015", CapSeverity.Error, r, path, "mimeType", 1, $"'{mime}' is not a MIME type such as image/png.");
            }

            if (r.Size is { } size && !long.TryParse(size.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                Add("CAP-015", CapSeverity.Error, r, path, "size", 1, $"size '{size}' is not a whole number of bytes.");
            }

            if (r.Uri is { } uri && !Uri.TryCreate(uri.Trim(), UriKind.Absolute, out _) && r.DerefUri is null)
            {
                Add("CAP-015", CapSeverity.Error, r, path, "uri", 1, $"The relative uri '{uri}' needs derefUri with the content.");
            }

            if (r.DerefUri is { } deref)
            {
                var buffer = new byte[deref.Length];
                if (!Convert.TryFromBase64String(deref.Trim(), buffer, out _))
                {
                    Add("CAP-015", CapSeverity.Error, r, path, "derefUri", 1, "derefUri is not base64.");
                }
            }

            if (r.Digest is { } digest && (digest.Trim().Length != 40 || !digest.Trim().All(Uri.IsHexDigit)))
            {
                Add("CAP-015", CapSeverity.Error, r, path, "digest", 1, "digest is not a SHA-1 hash (40 hexadecimal digits).");
            }
        }

        private void Area(CapArea area, string path)
        {
            Structure(area, path, AreaOrder, ["areaDesc"]);
            for (var i = 0; i < area.Polygons.Count; i++)
            {
                var points = CapGeometry.Points(area.Polygons[i]);
                if (string.IsNullOrWhiteSpace(area.Polygons[i]))
                {
                    Add("CAP-011", usageNote, area, path, "polygon", i + 1, "The polygon is empty; it is kept as it is and left out of the area's geometry.");
                }
                else if (points is null || points.Any(p => p.Lat is < -90 or > 90 || p.Lon is < -180 or > 180))
                {
                    Add("CAP-011", CapSeverity.Error, area, path, "polygon", i + 1, "The polygon is not lat,lon pairs of WGS 84 coordinates (latitude first, -90..90; longitude -180..180).");
                }
                else if (points.Count < 4)
                {
                    Add("CAP-011", CapSeverity.Error, area, path, "polygon", i + 1, $"The polygon has {points.Count} points; it needs at least 4, the first repeated as the last.");
                }
                else if (points[0] != points[^1])
                {
                    Add("CAP-011", CapSeverity.Error, area, path, "polygon", i + 1, "The polygon is not closed: its last point differs from its first.");
                }
                else if (PolygonCrossings.Find(points, out _) is { } crossing)
                {
                    if (crossing.A < 0)
                    {
                        Add("CAP-020", CapSeverity.Warning, area, path, "polygon", i + 1, $"The polygon's {points.Count} points are too tangled to check for crossings within {PolygonCrossings.MaxEdgePairs} pairs of edges; it was not checked.");
                    }
                    else
                    {
                        Add("CAP-012", CapSeverity.Error, area, path, "polygon", i + 1, $"The polygon crosses itself (edges {crossing.A + 1} and {crossing.B + 1}).");
                    }
                }
            }

            for (var i = 0; i < area.Circles.Count; i++)
            {
                var circle = CapGeometry.Circle(area.Circles[i]);
                if (circle is not { } c || c.Lat is < -90 or > 90 || c.Lon is < -180 or > 180 || c.RadiusKm < 0)
                {
                    Add("CAP-013", CapSeverity.Error, area, path, "circle", i + 1, $"'{area.Circles[i]}' is not 'lat,lon radius' with the radius in kilometres.");
                }
            }

            Pairs(area.Geocodes, path, "geocode");
            double? altitude = null;
            if (area.Altitude is { } a)
            {
                if (CapGeometry.TryNumber(a.Trim(), out var value))
                {
                    altitude = value;
                }
                else
                {
                    Add("CAP-014", CapSeverity.Error, area, path, "altitude", 1, $"altitude '{a}' is not a number of feet.");
                }
            }

            if (area.Ceiling is { } ceiling)
            {
                if (!CapGeometry.TryNumber(ceiling.Trim(), out var value))
                {
                    Add("CAP-014", CapSeverity.Error, area, path, "ceiling", 1, $"ceiling '{ceiling}' is not a number of feet.");
                }
                else if (area.Altitude is null)
                {
                    Add("CAP-014", CapSeverity.Error, area, path, "ceiling", 1, "ceiling needs altitude.");
                }
                else if (altitude is { } floor && value <= floor)
                {
                    Add("CAP-014", CapSeverity.Error, area, path, "ceiling", 1, $"ceiling {ceiling} is not above altitude {area.Altitude}.");
                }
            }
        }

        private void Structure(CapElement element, string path, string[] order, string[] required)
        {
            var layout = element.Layout;
            var names = layout?.Slots.Where(s => s.Name != "#ext").Select(s => s.Name).ToList();
            foreach (var name in required)
            {
                var present = names is not null ? names.Contains(name) : Present(element, name);
                if (!present)
                {
                    findings.Add(new CapFinding("CAP-001", CapSeverity.Error, $"{path}/{name}", element.Line, element.Column, $"{name} is required in {path[(path.LastIndexOf('/') + 1)..].Split('[')[0]}."));
                }
            }

            if (layout is null)
            {
                return;
            }

            var last = -1;
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var slot in layout.Slots.Where(s => s.Name != "#ext"))
            {
                seen[slot.Name] = seen.GetValueOrDefault(slot.Name) + 1;
                var position = Array.IndexOf(order, slot.Name);
                if (position < last)
                {
                    findings.Add(new CapFinding("CAP-002", CapSeverity.Error, $"{path}/{slot.Name}", slot.Line, slot.Column, $"{slot.Name} comes after {order[last]}; CAP's order puts it before."));
                }

                last = Math.Max(last, position);
                if (seen[slot.Name] == 2 && !Repeating.Contains(slot.Name))
                {
                    findings.Add(new CapFinding("CAP-003", CapSeverity.Error, $"{path}/{slot.Name}[2]", slot.Line, slot.Column, $"{slot.Name} may appear once; the later one is kept."));
                }
            }
        }

        private static bool Present(CapElement element, string name) => element switch
        {
            CapAlert a => name switch
            {
                "identifier" => a.Identifier.Length > 0,
                "sender" => a.Sender.Length > 0,
                "sent" => !string.IsNullOrEmpty(a.Sent.Text),
                "status" => a.Status.Length > 0,
                "msgType" => a.MsgType.Length > 0,
                "scope" => a.Scope.Length > 0,
                _ => true,
            },
            CapInfo i => name switch
            {
                "category" => i.Categories.Count > 0,
                "event" => i.Event.Length > 0,
                "urgency" => i.Urgency.Length > 0,
                "severity" => i.Severity.Length > 0,
                "certainty" => i.Certainty.Length > 0,
                _ => true,
            },
            CapResource r => name switch
            {
                "resourceDesc" => r.ResourceDesc.Length > 0,
                "mimeType" => r.MimeType is not null,
                _ => true,
            },
            CapArea a => name != "areaDesc" || a.AreaDesc.Length > 0,
            CapValue v => name != "valueName" || v.ValueName.Length > 0,
            _ => true,
        };

        private void Characters(CapAlert a, string path, string name, string value)
        {
            if (value.Length > 0 && value.IndexOfAny([' ', ',', '<', '&', '\t', '\n', '\r']) >= 0)
            {
                Add("CAP-006", CapSeverity.Error, a, path, name, 1, $"{name} '{value}' has a space, comma, '<' or '&', which CAP forbids.");
            }
        }

        private void Date(CapElement owner, string path, string name, CapDateTime? value)
        {
            if (value is { Text: { } text } && !(CapDate().IsMatch(text) && value.Value.Value is not null))
            {
                Add("CAP-005", CapSeverity.Error, owner, path, name, 1, $"{name} '{text}' is not in CAP's form YYYY-MM-DDThh:mm:ss±hh:mm (UTC as -00:00, no fractions).");
            }
        }

        private void Code(CapElement owner, string path, string name, string value, string[] allowed, int index = 1)
        {
            if (value.Length > 0 && Array.IndexOf(allowed, value) < 0)
            {
                Add("CAP-004", CapSeverity.Error, owner, path, name, index, $"{name} '{value}' is not one of {string.Join(", ", allowed)}.");
            }
        }

        private void Add(string code, CapSeverity severity, CapElement owner, string path, string name, int index, string message)
        {
            var slot = owner.Layout?.Slots.Where(s => s.Name == name).Skip(index - 1).FirstOrDefault();
            var repeated = Repeating.Contains(name) ? $"[{index}]" : "";
            findings.Add(new CapFinding(code, severity, $"{path}/{name}{repeated}", slot?.Line ?? owner.Line, slot?.Column ?? owner.Column, message));
        }
    }
}
