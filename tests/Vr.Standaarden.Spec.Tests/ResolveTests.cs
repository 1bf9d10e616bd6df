namespace Vr.Standaarden.Spec.Tests;

/// <summary>A <c>$ref</c> of the standard leads to a file of its release and the schema its pointer names there.</summary>
public sealed class ResolveTests
{
    [Fact]
    public void A_reference_leads_to_a_definition_of_another_file_of_the_release()
    {
        var release = Standard.Release("1.2");
        var incident = release.Schema("incident");

        Assert.True(release.TryResolve(incident, "typen.schema.json#/$defs/tekst", out var target));
        Assert.Same(release.Schema("typen"), target.File);
        Assert.Equal("/$defs/tekst", target.JsonPointer);
        Assert.Equal("schemas/typen.schema.json#/$defs/tekst", target.Relative);
        Assert.Equal(release.Schema("typen").Root.GetProperty("$defs").GetProperty("tekst").GetRawText(), target.Node.GetRawText());
    }

    [Fact]
    public void A_reference_to_a_code_list_leads_to_its_root()
    {
        var release = Standard.Release("1.2");
        Assert.True(release.TryResolve(release.Schema("incident"), "../codelijsten/grip-niveau.json", out var target));
        Assert.Equal("codelijsten/grip-niveau.json", target.File.Path);
        Assert.Equal("", target.JsonPointer);
    }

    [Theory]
    [InlineData("typen.schema.json#/$defs/bestaat-niet")]
    [InlineData("bestaat-niet.schema.json")]
    [InlineData("https://vr-standaarden.github.io/spec/1.1/schemas/typen.schema.json#/$defs/tekst")]
    [InlineData("typen.schema.json#tekst")]
    [InlineData("http://[::1")]
    public void What_leads_outside_the_release_or_to_nothing_does_not_resolve(string reference)
    {
        var release = Standard.Release("1.2");
        Assert.False(release.TryResolve(release.Schema("incident"), reference, out var target));
        Assert.Null(target);
    }

    [Fact]
    public void An_absolute_reference_leads_into_whichever_release_has_it()
    {
        Assert.True(Standard.TryResolve("https://vr-standaarden.github.io/spec/1.1/schemas/typen.schema.json#/$defs/tekst", out var target));
        Assert.Equal("1.1", target.Release.Name);
        Assert.Equal("/$defs/tekst", target.JsonPointer);
        Assert.False(Standard.TryResolve("typen.schema.json#/$defs/tekst", out _));
        Assert.False(Standard.TryResolve("https://example.org/typen.schema.json", out _));
    }
}
