using Campaigns.Domain.Orders;

namespace Campaigns.Domain.Tests.Orders;

public sealed class OrderTests
{
    [Fact]
    public void The_main_product_is_the_largest_line_by_price_times_quantity_the_first_of_equals_and_none_without_lines()
    {
        var (boot, tote, scarf) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        OrderLine Line(Guid product, int quantity, decimal price) => new() { ProductId = product, Quantity = quantity, UnitPrice = price };

        Assert.Equal(tote, Order.MainProductOf([Line(boot, 1, 30), Line(tote, 4, 10)]));
        Assert.Equal(boot, Order.MainProductOf([Line(boot, 2, 15), Line(scarf, 1, 30)]));
        Assert.Null(Order.MainProductOf([]));
    }
}
