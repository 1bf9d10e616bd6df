using Vr.Standaarden.Transport.Nats;

namespace Vr.Standaarden.Transport.Tests.Nats;

public sealed class SubjectTests
{
    [Theory]
    [InlineData("VR06", "06")]
    [InlineData("vr6", "06")]
    [InlineData("25", "25")]
    [InlineData("landelijk", "landelijk")]
    [InlineData("Noord-Oost", "noord-oost")]
    public void Nodes_become_subject_tokens(string node, string token) => Assert.Equal(token, NatsSubjects.Node(node));

    [Theory]
    [InlineData("VR26")]
    [InlineData("VR00")]
    [InlineData("vr.06")]
    [InlineData("a b")]
    [InlineData("*")]
    public void What_cannot_be_a_node_is_refused(string node) => Assert.Throws<ArgumentException>(() => NatsSubjects.Node(node));

    [Fact]
    public void The_scheme_names_subjects_streams_and_dead_letters()
    {
        var message = TestMessages.Incident(1);
        Assert.Equal("vr.15.incident", NatsSubjects.For("VR15", message));
        Assert.Equal("vr.15.>", NatsSubjects.Wildcard("VR15"));
        Assert.Equal("VR15", NatsSubjects.Stream("VR15"));
        Assert.Equal("VRLANDELIJK", NatsSubjects.Stream("landelijk"));
        Assert.Equal("VR15_DLQ", NatsSubjects.DeadLetterStream("VR15"));
        Assert.Equal("vr-dlq.15.knooppunt", NatsSubjects.DeadLetter("VR15", "knooppunt"));
    }
}
