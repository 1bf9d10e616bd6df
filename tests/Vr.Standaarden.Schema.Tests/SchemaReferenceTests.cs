using Vr.Standaarden.Schema.Model;

namespace Vr.Standaarden.Schema.Tests;

/// <summary>References resolve against the base URI of their schema, and say whether the fragment is a pointer or an anchor.</summary>
public sealed class SchemaReferenceTests
{
    private const string Base = "https://vr-standaarden.github.io/spec/1.2/schemas/incident.schema.json";

    [Theory]
    [InlineData("typen.schema.json#/$defs/tekst", "https://vr-standaarden.github.io/spec/1.2/schemas/typen.schema.json", "/$defs/tekst", null)]
    [InlineData("../codelijsten/rol.json", "https://vr-standaarden.github.io/spec/1.2/codelijsten/rol.json", "", null)]
    [InlineData("#/$defs/tijdstippen", Base, "/$defs/tijdstippen", null)]
    [InlineData("#/properties/a%20b", Base, "/properties/a b", null)]
    [InlineData("#meta", Base, null, "meta")]
    [InlineData("", Base, "", null)]
    [InlineData("urn:example:root#/x", "urn:example:root", "/x", null)]
    [InlineData("HTTPS://Example.org/a/../b.json", "https://example.org/b.json", "", null)]
    public void Resolves_against_the_base_and_splits_the_fragment(string reference, string resource, string? fragmentPointer, string? anchor)
    {
        Assert.True(SchemaReference.TryResolve(Base + "#ignored", reference, out var resolved));
        Assert.Equal(resource, resolved.Resource);
        Assert.Equal(fragmentPointer, resolved.JsonPointer);
        Assert.Equal(anchor, resolved.Anchor);
        Assert.Equal(fragmentPointer is not null, resolved.IsPointer);
    }

    [Fact]
    public void A_relative_reference_needs_an_absolute_base()
    {
        Assert.False(SchemaReference.TryResolve(null, "typen.schema.json", out _));
        Assert.False(SchemaReference.TryResolve("typen.schema.json", "#/x", out _));
        Assert.True(SchemaReference.TryResolve(null, Base + "#/$defs/x", out var absolute));
        Assert.Equal(Base + "#/$defs/x", absolute.ToString());
    }

    [Fact]
    public void Equal_places_are_equal_however_they_were_written()
    {
        Assert.True(SchemaReference.TryResolve(Base, "typen.schema.json#/$defs/tekst", out var relative));
        Assert.True(SchemaReference.TryResolve(null, "https://vr-standaarden.github.io/spec/1.2/schemas/./typen.schema.json#/%24defs/tekst", out var absolute));
        Assert.Equal(relative, absolute);
        Assert.True(relative == absolute);
        Assert.Equal(relative.GetHashCode(), absolute.GetHashCode());
        Assert.True(SchemaReference.TryResolve(Base, "#/$defs/other", out var other));
        Assert.True(relative != other);
    }
}
