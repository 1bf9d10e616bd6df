using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Vr.Standaarden.Koppelvlakken;

/// <summary>The role a system plays towards the standard, which decides the checks that apply to it.</summary>
public enum ConformanceRole
{
    /// <summary>A knooppunt: receives messages (<c>POST /v1/berichten</c>) and serves the picture and its contract.</summary>
    Knooppunt,

    /// <summary>A bronhouder: serves its data at the source and receives terugmeldingen.</summary>
    Bron,

    /// <summary>An afnemer: receives messages on its webhook (<c>POST /v1/berichten</c>).</summary>
    Afnemer,
}

/// <summary>The outcome of one check.</summary>
public enum ConformanceResult
{
    /// <summary>The system does what the requirement asks.</summary>
    Pass,

    /// <summary>The system does not; <see cref="ConformanceCheck.Detail"/> says what it did.</summary>
    Fail,

    /// <summary>The check could not be made (<see cref="ConformanceCheck.Detail"/> says why); it counts neither way.</summary>
    Skip,
}

/// <summary>One check of the kit against a live system.</summary>
/// <param name="Id">The check's stable id (<c>ON-01</c>).</param>
/// <param name="Requirement">Where the standard states the requirement: <c>spec/conformance.md#on-01</c>.</param>
/// <param name="Result">The outcome.</param>
/// <param name="Detail">What was sent and what came back.</param>
public sealed record ConformanceCheck(string Id, string Requirement, ConformanceResult Result, string Detail);

/// <summary>What <see cref="ConformanceKit.RunAsync"/> found: every check that applies to the role, with its result.</summary>
public sealed class ConformanceReport
{
    internal ConformanceReport(ConformanceRole role, string release, IReadOnlyList<ConformanceCheck> checks)
    {
        Role = role;
        Release = release;
        Checks = checks;
    }

    /// <summary>The role the system was checked in.</summary>
    public ConformanceRole Role { get; }

    /// <summary>The release the system was checked against (<c>1.2</c>).</summary>
    public string Release { get; }

    /// <summary>The checks, in the order they ran.</summary>
    public IReadOnlyList<ConformanceCheck> Checks { get; }

    /// <summary>How many passed.</summary>
    public int Passed => Checks.Count(c => c.Result == ConformanceResult.Pass);

    /// <summary>How many failed.</summary>
    public int Failed => Checks.Count(c => c.Result == ConformanceResult.Fail);

    /// <summary>How many could not be made.</summary>
    public int Skipped => Checks.Count(c => c.Result == ConformanceResult.Skip);

    /// <summary>
    /// The report as one JSON object: <c>{"role", "release", "checks": [{"id", "requirement", "result": "pass|fail|skip",
    /// "detail"}], "passed", "failed", "skipped"}</c>.
    /// </summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("role", Name(Role));
            json.WriteString("release", Release);
            json.WriteStartArray("checks");
            foreach (var check in Checks)
            {
                json.WriteStartObject();
                json.WriteString("id", check.Id);
                json.WriteString("requirement", check.Requirement);
                json.WriteString("result", Name(check.Result));
                json.WriteString("detail", check.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("passed", Passed);
            json.WriteNumber("failed", Failed);
            json.WriteNumber("skipped", Skipped);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The report as JUnit XML: one <c>testsuite</c>, one <c>testcase</c> per check.</summary>
    public string ToJUnit()
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", $"vr conformance {Name(Role)} {Release}");
            xml.WriteAttributeString("tests", Checks.Count.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", Failed.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("skipped", Skipped.ToString(CultureInfo.InvariantCulture));
            foreach (var check in Checks)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", Name(Role));
                xml.WriteAttributeString("name", check.Id);
                if (check.Result != ConformanceResult.Pass)
                {
                    xml.WriteStartElement(check.Result == ConformanceResult.Fail ? "failure" : "skipped");
                    xml.WriteAttributeString("message", check.Detail);
                    xml.WriteString(check.Requirement);
                    xml.WriteEndElement();
                }
                else
                {
                    xml.WriteElementString("system-out", $"{check.Requirement}: {check.Detail}");
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }

    /// <summary>The report as lines of text: <c>PASS ON-01 …</c>, and the totals.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var check in Checks)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Name(check.Result).ToUpperInvariant(),-4} {check.Id,-6} {check.Detail} ({check.Requirement})\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{Name(Role)} {Release}: {Passed} passed, {Failed} failed, {Skipped} skipped\n");
        return text.ToString();
    }

    internal static string Name(ConformanceRole role) => role switch
    {
        ConformanceRole.Knooppunt => "knooppunt",
        ConformanceRole.Bron => "bron",
        _ => "afnemer",
    };

    internal static string Name(ConformanceResult result) => result switch
    {
        ConformanceResult.Pass => "pass",
        ConformanceResult.Fail => "fail",
        _ => "skip",
    };
}
