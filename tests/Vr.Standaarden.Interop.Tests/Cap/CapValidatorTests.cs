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
        Assert.Equal("9:4 Warning", Where("CAP-009", "/alert/restriction")); // a usage note: an error only when strict
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
        Assert.Contains(findings, f => f.Code == "CAP-009" && f.Severity == CapSeverity.Warning);
        Assert.Contains(CapValidator.Validate(alert, CapValidationMode.Strict), f => f.Code == "CAP-009" && f.Severity == CapSeverity.Error);
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

    /// <summary>A ring of <paramref name="count"/> points on a circle around Den Haag, closed; with <paramref name="swap"/>, two points far apart change places, so the ring crosses itself.</summary>
    private static List<(double Lat, double Lon)> Ring(int count, bool swap = false)
    {
        var ring = Enumerable.Range(0, count - 1).Select(i => (52.08 + (0.1 * Math.Sin(2 * Math.PI * i / (count - 1))), 4.3 + (0.15 * Math.Cos(2 * Math.PI * i / (count - 1))))).ToList();
        if (swap)
        {
            (ring[count / 4], ring[3 * count / 4]) = (ring[3 * count / 4], ring[count / 4]);
        }

        ring.Add(ring[0]);
        return ring;
    }

    [Fact]
    public void A_polygon_of_100000_points_is_checked_for_crossings_comparing_few_pairs_of_edges()
    {
        // Every pair would be about 5 billion comparisons; only edges whose boxes overlap are compared.
        Assert.Null(PolygonCrossings.Find(Ring(100_000), out var pairs));
        Assert.InRange(pairs, 1, 20 * 100_000);
        var crossing = PolygonCrossings.Find(Ring(100_000, swap: true), out var crossingPairs);
        Assert.NotNull(crossing);
        Assert.InRange(crossingPairs, 1, 20 * 100_000);

        // Through the reader and the validator, located as any other finding.
        var points = string.Join(' ', Ring(100_000, swap: true).Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Lat:0.######},{p.Lon:0.######}")));
        var xml = $"<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>groot</identifier><sender>s</sender><sent>2026-11-20T21:55:00+01:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><category>Met</category><event>Storm</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty><area><areaDesc>Haaglanden</areaDesc><polygon>{points}</polygon></area></info></alert>";
        var finding = Assert.Single(CapValidator.Validate(CapReader.Read(System.Text.Encoding.UTF8.GetBytes(xml))));
        Assert.Equal(("CAP-012", "/alert/info[1]/area[1]/polygon[1]"), (finding.Code, finding.Path));
    }

    [Fact]
    public void A_ring_too_tangled_to_check_within_the_bound_is_a_warning_not_a_hang()
    {
        // A zigzag whose edges all span the same latitudes: every pair overlaps, beyond the bound.
        var ring = Enumerable.Range(0, 10_000).Select(i => (Lat: i % 2 == 0 ? 52.0 : 52.5, Lon: 4.0 + (i * 1e-5))).ToList();
        ring.Add((52.75, 4.05));
        ring.Add(ring[0]);
        Assert.Equal((-1, -1), PolygonCrossings.Find(ring, out var pairs));
        Assert.Equal(PolygonCrossings.MaxEdgePairs + 1, pairs);
    }
}
