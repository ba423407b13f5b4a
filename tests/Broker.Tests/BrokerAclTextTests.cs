namespace Kiosk.Broker.Tests;

public sealed class BrokerAclTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("site/with/slash")]
    [InlineData("wild+card")]
    [InlineData("hash#")]
    [InlineData("spaces are bad")]
    public void A_site_id_that_would_break_the_topic_tree_is_refused_with_the_reason(string site)
    {
        var error = Assert.Throws<ArgumentException>(() => BrokerAcl.Generate(site, 2));

        Assert.Contains("topic level", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_counter_gets_its_own_command_and_reply_and_no_wildcard_over_counters()
    {
        var acl = BrokerAcl.Generate("pkm-kokop", 2);

        Assert.Contains("user counter-2\ntopic write queue/pkm-kokop/counter/2/command\ntopic read queue/pkm-kokop/counter/2/reply", acl.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("counter/+/reply", acl, StringComparison.Ordinal);
        Assert.DoesNotContain("counter/#", acl, StringComparison.Ordinal);
    }
}
