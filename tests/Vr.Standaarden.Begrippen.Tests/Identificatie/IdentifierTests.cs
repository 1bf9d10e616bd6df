using System.Text.Json;

namespace Vr.Standaarden.Begrippen.Tests.Identificatie;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("00000004003214345000", OinSoort.SubOin, true, false)]
    [InlineData("00000001822477348000", OinSoort.Rsin, false, false)]
    [InlineData("00000003273851020000", OinSoort.KvkNummer, false, false)]
    [InlineData("00000099000000012000", OinSoort.Test, false, true)]
    [InlineData("00000008ABC123DEF456", OinSoort.Buitenlands, false, false)]
    public void Oin_reads_its_kind_from_the_prefix(string text, OinSoort soort, bool sub, bool test)
    {
        var oin = Oin.Parse(text);
        Assert.Equal(soort, oin.Soort);
        Assert.Equal(sub, oin.IsSubOin);
        Assert.Equal(test, oin.IsTest);
        Assert.Equal(text[..8], oin.Prefix);
        Assert.Equal(text[8..], oin.Nummer);
        Assert.Equal(text, oin.ToString());
    }

    [Theory]
    [InlineData("0000000327385102000", "An OIN has 20 positions; '0000000327385102000' has 19.")]
    [InlineData("", "An OIN has 20 positions; an empty value has 0.")]
    [InlineData("0000x003273851020000", "An OIN starts with an eight-digit prefix; position 5 of '0000x003273851020000' is 'x'.")]
    [InlineData("00000003273851020-00", "An OIN holds digits and letters only; position 18 of '00000003273851020-00' is '-'.")]
    [InlineData("00000010273851020000", "'00000010' is not an OIN prefix; the prefixes are 00000001 to 00000009 and 00000099 (test).")]
    [InlineData("00000003273851021000", "After prefix 00000003 an OIN holds a 8-digit number followed by 0000; '00000003273851021000' does not.")]
    [InlineData("0000000400321434500A", "After prefix 00000004 an OIN holds a 9-digit number followed by 000; '0000000400321434500A' does not.")]
    public void Oin_says_precisely_what_is_wrong(string text, string message)
    {
        Assert.False(Oin.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
        Assert.Equal(message, Assert.Throws<FormatException>(() => Oin.Parse(text)).Message);
    }

    [Fact]
    public void BagId_exposes_municipality_object_type_and_sequence_number()
    {
        var id = BagId.Parse("0363100012345678");
        Assert.Equal("GM0363", id.Gemeente.ToString());
        Assert.Equal(BagObjectType.Pand, id.ObjectType);
        Assert.Equal(12345678, id.Volgnummer);
        Assert.Equal(id, BagId.Create(GemeenteCode.Parse("GM0363"), BagObjectType.Pand, 12345678));
    }

    [Theory]
    [InlineData("036310001234567", "A BAG identifier has 16 digits; '036310001234567' has 15.")]
    [InlineData("0363100O12345678", "A BAG identifier holds digits only; position 8 of '0363100O12345678' is 'O'.")]
    [InlineData("0363040012345678", "Positions 5–6 of a BAG identifier are the object type (01, 02, 03, 10, 20 or 30); '0363040012345678' has '04'.")]
    public void BagId_says_precisely_what_is_wrong(string text, string message)
    {
        Assert.False(BagId.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Gemeente_code_knows_its_name_and_safety_region_from_the_code_list()
    {
        var amsterdam = GemeenteCode.Parse("GM0363");
        Assert.Equal(363, amsterdam.Nummer);
        Assert.Equal("0363", amsterdam.BagPrefix);
        Assert.Equal("Amsterdam", amsterdam.Naam);
        Assert.Equal(VeiligheidsregioCode.Parse("VR13"), amsterdam.Veiligheidsregio(new DateOnly(2026, 1, 1)));
        Assert.Equal(VeiligheidsregioCode.Parse("VR25"), GemeenteCode.Parse("GM0034").Veiligheidsregio(new DateOnly(2026, 1, 1)));
        Assert.Null(GemeenteCode.Parse("GM9999").Veiligheidsregio(new DateOnly(2026, 1, 1)));
        Assert.Null(GemeenteCode.Parse("GM9999").Naam);
        Assert.False(GemeenteCode.TryParse("gm0363", out _, out var error));
        Assert.Equal("A municipality code is GM followed by four digits, as in GM0363; 'gm0363' is not.", error);
    }

    [Fact]
    public void Safety_region_codes_are_VR01_to_VR25_with_names()
    {
        Assert.Equal(25, VeiligheidsregioCode.Alle.Count);
        Assert.Equal("Haaglanden", VeiligheidsregioCode.Parse("VR15").Naam);
        Assert.Equal("Flevoland", VeiligheidsregioCode.FromNummer(25).Naam);
        Assert.False(VeiligheidsregioCode.TryParse("VR26", out _, out var error));
        Assert.Equal("'VR26' is not a safety region; the codes are VR01 to VR25.", error);
        Assert.False(VeiligheidsregioCode.TryParse("VR1", out _, out error));
        Assert.Equal("A safety region code is VR followed by two digits, as in VR15; 'VR1' is not.", error);
    }

    [Theory]
    [InlineData("2511XH", "2511XH")]
    [InlineData("2511 XH", "2511XH")]
    [InlineData("2511xh", "2511XH")]
    public void Postcode_is_read_as_people_type_it_and_written_canonically(string text, string canonical)
    {
        var postcode = Postcode.Parse(text);
        Assert.Equal(canonical, postcode.ToString());
        Assert.Equal(2511, postcode.Cijfers);
        Assert.Equal("XH", postcode.Letters);
    }

    [Theory]
    [InlineData("2511X")]
    [InlineData("25111XH")]
    [InlineData("2511  XH")]
    [InlineData("XH2511")]
    public void Postcode_rejects_other_shapes(string text) =>
        Assert.Equal($"A postcode is four digits and two letters, as in 2511XH; '{text}' is not.", Assert.Throws<FormatException>(() => Postcode.Parse(text)).Message);

    [Theory]
    [InlineData("A4 Li 48,1", "A4", Rijbaanzijde.Links, 48.1)]
    [InlineData("N206 Re 12.3", "N206", Rijbaanzijde.Rechts, 12.3)]
    [InlineData("A13 6,0", "A13", null, 6.0)]
    public void Hectometre_positions_read_road_side_and_kilometre(string text, string road, Rijbaanzijde? side, double km)
    {
        var position = Hectometrering.Parse(text);
        Assert.Equal(road, position.Weg);
        Assert.Equal(side, position.Zijde);
        Assert.Equal((decimal)km, position.Kilometer);
        Assert.Equal(position, Hectometrering.Parse(position.ToString()));
    }

    [Theory]
    [InlineData("A4 Mi 48,1", "The side of a hectometre position is 'Li' or 'Re'; 'A4 Mi 48,1' has 'Mi'.")]
    [InlineData("A4 Li 48,15", "The kilometre of a hectometre position is a number with at most one decimal, as in 48,1; 'A4 Li 48,15' has '48,15'.")]
    [InlineData("X4 Li 48,1", "A road number is A, N or S followed by up to four digits, as in A4 or N206; 'X4' is not.")]
    [InlineData("A4", "A hectometre position is road, optional side and kilometre, as in 'A4 Li 48,1'; 'A4' is not.")]
    [InlineData("35 55555555555555555555555555555555", "The kilometre of a hectometre position has at most 4 digits before the decimal; '35 55555555555555555555555555555555' has '55555555555555555555555555555555'.")]
    [InlineData("A4 12345,6", "The kilometre of a hectometre position has at most 4 digits before the decimal; 'A4 12345,6' has '12345,6'.")]
    public void Hectometre_positions_say_what_is_wrong(string text, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => Hectometrering.Parse(text)).Message);

    [Theory]
    [InlineData("br", 1, null)]
    [InlineData("brgb", 2, "br")]
    [InlineData("brgb01", 3, "brgb")]
    [InlineData("vkwesr", 3, "vkwe")]
    public void Lmc_codes_know_their_level_and_parent(string text, int level, string? parent)
    {
        var code = LmcCode.Parse(text);
        Assert.Equal(level, code.Niveau);
        Assert.Equal(parent, code.Bovenliggend?.ToString());
    }

    [Theory]
    [InlineData("b", "An LMC code has 2, 4 or 6 characters (two per level); 'b' has 1.")]
    [InlineData("bR", "Levels 1 and 2 of an LMC code are lower-case letters; position 2 of 'bR' is 'R'.")]
    [InlineData("brgb0x", "Level 3 of an LMC code is two lower-case letters or two digits; 'brgb0x' has '0x'.")]
    public void Lmc_codes_say_what_is_wrong(string text, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => LmcCode.Parse(text)).Message);

    private static T ParseGeneric<T>(string s)
        where T : IParsable<T> => T.Parse(s, null);

    [Fact]
    public void Values_work_through_the_generic_IParsable_interface()
    {
        Assert.Equal(Oin.Parse("00000099000000012000"), ParseGeneric<Oin>("00000099000000012000"));
        Assert.Equal("VR15", ParseGeneric<VeiligheidsregioCode>("VR15").ToString());
        Assert.Throws<FormatException>(() => ParseGeneric<Postcode>("2511"));
    }

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed record Sample(Oin Oin, BagId Pand, GemeenteCode Gemeente, VeiligheidsregioCode Regio, Postcode Postcode, Hectometrering Hm, LmcCode Lmc);

    [Fact]
    public void Values_are_JSON_strings_and_bad_ones_fail_with_the_reason()
    {
        var json = """{"Oin":"00000004003214345000","Pand":"0518100000212345","Gemeente":"GM0518","Regio":"VR15","Postcode":"2513AA","Hm":"A4 Li 48,1","Lmc":"brgb01"}""";
        var sample = JsonSerializer.Deserialize<Sample>(json)!;
        Assert.Equal(VeiligheidsregioCode.Parse("VR15"), sample.Regio);
        Assert.Equal(json, JsonSerializer.Serialize(sample, Relaxed));

        var bad = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Sample>(json.Replace("VR15", "VR31", StringComparison.Ordinal)));
        Assert.Contains("'VR31' is not a safety region", bad.Message, StringComparison.Ordinal);
        Assert.Equal("$.Regio", bad.Path);
        var number = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Sample>(json.Replace("\"GM0518\"", "518", StringComparison.Ordinal)));
        Assert.Contains("A GemeenteCode is written as a JSON string, not as Number.", number.Message, StringComparison.Ordinal);
    }
}
