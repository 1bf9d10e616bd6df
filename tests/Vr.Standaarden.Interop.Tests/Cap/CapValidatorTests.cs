using Vr.Standaarden.Interop.Cap;

namespace Vr.Standaarden.Interop.Tests.Cap;

public sealed class CapValidatorTests
{
    [Theory]
    [InlineData("knmi-storm-oranje.xml")]
    [InlineData("nl-alert-brand.xml")]
    [InlineData("update-beperkt.xml")]
    [InlineData("cap11-prive.xml")]
    [InlineData("latin1-proef.xml")]
    public void Good_alerts_have_no_findings(string file) => Assert.Empty(CapValidator.Validate(CapReader.Read(Fixtures.Cap(file))));

    [Fact]
    public void Each_rule_finds_its_fault_at_its_path_and_line()
    {
        var findings = CapValidator.Validate(CapReader.Read(Fixtures.Cap("fouten.xml")));
        string Where(string code, string path) => findings.Single(f => f.Code == code && f.Path == path) is var f ? $"{f.Line}:{f.Column} {f.Severity}" : "";

        Assert.Equal("3:4 Error", Where("CAP-006", "/alert/identifier"));
        Assert.Equal("5:4 Error", Where("CAP-002", "/alert/sender"));
        Assert.Equal("4:4 Error", Where("CAP-005", "/alert/sent"));
        Assert.Equal("6:4 Error", Where("CAP-004", "/alert/status"));
        Assert.Equal("9:4 Error", Where("CAP-009", "/alert/restriction"));
        Assert.Contains(findings, f => f.Code == "CAP-007" && f.Path == "/alert/references" && f.Line == 10);
        Assert.Equal("12:6 Error", Where("CAP-004", "/alert/info[1]/category[1]"));
        Assert.Equal("16:6 Warning", Where("CAP-017", "/alert/info[1]/certainty"));
        Assert.Equal("17:6 Error", Where("CAP-005", "/alert/info[1]/onset"));
        Assert.Equal("18:6 Error", Where("CAP-016", "/alert/info[1]/web"));
        Assert.Equal("19:6 Error", Where("CAP-001", "/alert/info[1]/resource[1]/mimeType"));
        Assert.Equal("21:8 Error", Where("CAP-015", "/alert/info[1]/resource[1]/size"));
        Assert.Equal("22:8 Error", Where("CAP-015", "/alert/info[1]/resource[1]/uri"));
        Assert.Equal("26:8 Error", Where("CAP-011", "/alert/info[1]/area[1]/polygon[1]"));
        Assert.Equal("27:8 Error", Where("CAP-012", "/alert/info[1]/area[1]/polygon[2]"));
        Assert.Equal("28:8 Error", Where("CAP-011", "/alert/info[1]/area[1]/polygon[3]"));
        Assert.Equal("29:8 Error", Where("CAP-013", "/alert/info[1]/area[1]/circle[1]"));
        Assert.Equal("30:8 Error", Where("CAP-014", "/alert/info[1]/area[1]/ceiling"));
    }

    [Fact]
    public void Scope_and_references_rules()
    {
        var alert = CapReader.Read(Fixtures.Cap("update-beperkt.xml"));
        alert.Scope = "Private";
        alert.References = $"{alert.Sender},{alert.Identifier},2026-11-20T23:10:00-00:00";
        var findings = CapValidator.Validate(alert);
        Assert.Contains(findings, f => f.Code == "CAP-010");
        Assert.Contains(findings, f => f.Code == "CAP-009" && f.Severity == CapSeverity.Error);
        Assert.Contains(findings, f => f.Code == "CAP-008");

        alert.Scope = "Restricted";
        alert.Restriction = null;
        alert.References = null;
        findings = CapValidator.Validate(alert);
        Assert.Contains(findings, f => f.Code == "CAP-009" && f.Severity == CapSeverity.Warning);
        Assert.Contains(findings, f => f.Code == "CAP-018" && f.Severity == CapSeverity.Warning);
    }

    [Fact]
    public void A_second_identifier_is_reported()
    {
        var xml = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>a</identifier><identifier>b</identifier><sender>s</sender><sent>2026-11-20T21:55:00+01:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope></alert>";
        var findings = CapValidator.Validate(CapReader.Read(System.Text.Encoding.UTF8.GetBytes(xml)));
        Assert.Equal("CAP-003", Assert.Single(findings).Code);
    }
}
