using System.Text;
using Vr.Standaarden.Schema.Input;

namespace Vr.Standaarden.Schema.Tests;

/// <summary>Member names given twice: found at any depth, after unescaping, located by byte and pointer; never a false alarm.</summary>
public sealed class DuplicateMemberTests
{
    [Theory]
    [InlineData("""{"a": 1, "a": 2}""", "/a", 9)]
    [InlineData("""{"a": {"b": [1, {"c": 1, "d": 2, "c": 3}]}}""", "/a/b/1/c", 33)]
    [InlineData("""[{}, {"x": 1}, {"x": 1, "y": {"x": 2}, "x": 3}]""", "/2/x", 39)]
    [InlineData("""{"niveau": 1, "niv\u0065au": 2}""", "/niveau", 14)]
    [InlineData("""{"n\u0069veau": 1, "niv\u0065au": 2}""", "/niveau", 19)]
    [InlineData("""{"a/b": 1, "x~y": 2, "a\/b": 3}""", "/a~1b", 21)]
    [InlineData("""{"x~y": {"k": 1, "k": 2}}""", "/x~0y/k", 17)]
    public void The_second_member_is_found_with_its_pointer_and_byte(string json, string location, long offset)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var problem = JsonInput.Check(bytes);
        Assert.NotNull(problem);
        Assert.Equal((InputProblemKind.DuplicateMember, location, offset), (problem.Kind, problem.InstanceLocation, problem.ByteOffset));
        Assert.Equal((byte)'"', bytes[offset]);
        Assert.Equal(1, problem.Line);
        Assert.Equal(offset + 1, problem.Column);
    }

    [Theory]
    [InlineData("""{"a": {"x": 1}, "b": {"x": 2}, "x": 3}""")]
    [InlineData("""[{"a": 1}, {"a": 2}, {"a": 3}]""")]
    [InlineData("""{"a": 1, "A": 2, "a ": 3, "\u00e9": 4, "e\u0301": 5}""")]
    [InlineData("""{"": 1, "x": {"": 2}}""")]
    public void Names_that_differ_or_sit_in_other_objects_are_no_duplicates(string json) =>
        Assert.Null(JsonInput.Check(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void A_byte_order_mark_shifts_the_offset_and_large_objects_are_checked_in_linear_time()
    {
        var withMark = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""{"a": 1, "a": 2}""")).ToArray();
        Assert.Equal(12, JsonInput.Check(withMark)!.ByteOffset);

        // A hundred thousand members, the duplicate escaped and last: the object has moved to its set by then.
        var members = string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"\"m{i}\":0"));
        Assert.Null(JsonInput.Check(Encoding.UTF8.GetBytes("{" + members + "}")));
        var problem = JsonInput.Check(Encoding.UTF8.GetBytes("{" + members + ",\"m\\u0031\":1}"))!;
        Assert.Equal(("/m1", InputProblemKind.DuplicateMember), (problem.InstanceLocation, problem.Kind));

        // Objects nested in a large one still have names of their own.
        var nested = string.Join(',', Enumerable.Range(0, 100).Select(i => $"\"n{i}\":{{\"a\":1,\"b\":2}}"));
        Assert.Null(JsonInput.Check(Encoding.UTF8.GetBytes("{" + nested + "}")));
        Assert.Equal("/n99", JsonInput.Check(Encoding.UTF8.GetBytes("{" + nested + ",\"n100\":{\"a\":1},\"n99\":0}"))!.InstanceLocation);
    }
}
