using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Begrippen.Tests.Codelijsten;

public sealed class CodelijstTests
{
    private static readonly string SpecFolder = Path.Combine(ConformanceSuites.RepositoryRoot, "spec", Begrippen.Codelijsten.Release, "codelijsten");

    [Fact]
    public void Every_code_list_of_the_spec_is_embedded_byte_for_byte()
    {
        var files = Directory.GetFiles(SpecFolder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Begrippen.Codelijsten.Namen);
        foreach (var name in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(SpecFolder, name + ".json")), Begrippen.Codelijsten.Bestand(name).ToArray());
        }
    }

    [Fact]
    public void Codes_carry_labels_in_both_languages_and_their_flags()
    {
        var grip = Begrippen.Codelijsten.Get("grip-niveau");
        Assert.Equal("GRIP-niveau", grip.Titel);
        Assert.Equal("GRIP level", grip.TitelEn);
        Assert.False(grip.IsOpen);
        var gripRijk = grip.Find("GRIPRIJK")!;
        Assert.True(gripRijk.Vervallen);
        Assert.Equal(new DateOnly(2013, 4, 25), gripRijk.GeldigVanaf);
        Assert.Equal("Besturen regionaal", grip.Find("GRIP4")!.Label);
        Assert.Equal("Regional governance", grip.Find("GRIP4")!.LabelEn);
        Assert.False(Begrippen.Codelijsten.Get("crisistype").Find("4.1")!.Geverifieerd);
        Assert.NotNull(Begrippen.Codelijsten.Get("crisistype").Find("4.1")!.Opmerking);
        Assert.Equal("GNK", Begrippen.Codelijsten.Get("prioriteit").Find("A1")!.Kenmerken["discipline"]);
    }

    [Fact]
    public void Validity_on_a_date_follows_geldigVanaf_and_geldigTot()
    {
        var priorities = Begrippen.Codelijsten.Get("prioriteit");
        Assert.False(priorities.IsGeldigOp("A0", new DateOnly(2024, 1, 31)));
        Assert.True(priorities.IsGeldigOp("A0", new DateOnly(2024, 2, 1)));
        Assert.True(priorities.IsGeldigOp("A1", new DateOnly(1990, 1, 1)));
        Assert.False(priorities.IsGeldigOp("A9", new DateOnly(2026, 1, 1)));

        var tlp = Begrippen.Codelijsten.Get("tlp");
        Assert.True(tlp.IsGeldigOp("TLP:WHITE", new DateOnly(2022, 7, 31)));
        Assert.False(tlp.IsGeldigOp("TLP:WHITE", new DateOnly(2022, 8, 1)));
    }

    [Fact]
    public void Open_lists_accept_unlisted_codes_of_the_right_shape_only()
    {
        var lmc = Begrippen.Codelijsten.Get("meldingsclassificatie");
        Assert.True(lmc.IsOpen);
        Assert.Null(lmc.Find("brgb11"));
        Assert.True(lmc.Accepteert("brgb11"));
        Assert.False(lmc.Accepteert("BRGB11"));
        Assert.False(Begrippen.Codelijsten.Get("discipline").Accepteert("BRANDWEER"));
    }

    [Fact]
    public void An_unknown_list_names_the_lists_there_are()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Begrippen.Codelijsten.Get("kleuren"));
        Assert.Contains($"There is no code list 'kleuren' in release {Begrippen.Codelijsten.Release}; the lists are: actiepuntstatus,", error.Message, StringComparison.Ordinal);
    }
}
