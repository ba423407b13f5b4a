namespace Kiosk.Mqtt.Tests.Codec;

public sealed class TopicTests
{
    [Theory]
    [InlineData("queue/pkm/state", true)]
    [InlineData("/", true)]
    [InlineData("antrian/loket 1", true)]
    [InlineData("", false)]
    [InlineData("queue/+/state", false)]
    [InlineData("queue/#", false)]
    [InlineData("a\0b", false)]
    public void Topic_names_follow_section_4_7(string topic, bool valid) => Assert.Equal(valid, MqttTopic.IsValidTopicName(topic));

    [Theory]
    [InlineData("#", true)]
    [InlineData("queue/#", true)]
    [InlineData("queue/+/state", true)]
    [InlineData("+/+/+", true)]
    [InlineData("+", true)]
    [InlineData("queue/#/state", false)]
    [InlineData("queue#", false)]
    [InlineData("queue/st+te", false)]
    [InlineData("queue/++", false)]
    [InlineData("", false)]
    public void Topic_filters_follow_section_4_7(string filter, bool valid) => Assert.Equal(valid, MqttTopic.IsValidTopicFilter(filter));

    [Theory]
    [InlineData("queue/#", "queue/pkm/state", true)]
    [InlineData("queue/#", "queue", true)]
    [InlineData("queue/+/state", "queue/pkm/state", true)]
    [InlineData("queue/+/state", "queue/pkm/events", false)]
    [InlineData("#", "$SYS/broker", false)]
    [InlineData("+/broker", "$SYS/broker", false)]
    public void Filters_match_topics(string filter, string topic, bool matches) => Assert.Equal(matches, MqttTopic.Matches(filter, topic));

    [Fact]
    public async Task The_client_refuses_an_invalid_filter_or_topic_before_anything_is_sent()
    {
        await using var client = new MqttClient(new MqttClientOptions { ClientId = "topic-check" });
        await Assert.ThrowsAsync<ArgumentException>(() => client.SubscribeAsync([new MqttTopicFilter("queue/#/x")], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync(new MqttApplicationMessage("queue/+", Array.Empty<byte>()), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => client.UnsubscribeAsync(["a#"], CancellationToken.None));
    }

    [Fact]
    public void Options_with_impossible_values_are_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => new MqttClient(new MqttClientOptions { ClientId = "", CleanSession = false }));
        Assert.Contains("persistent session", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new MqttClient(new MqttClientOptions { ClientId = "x", ReconnectMinDelay = TimeSpan.FromSeconds(5), ReconnectMaxDelay = TimeSpan.FromSeconds(1) }));
    }
}
