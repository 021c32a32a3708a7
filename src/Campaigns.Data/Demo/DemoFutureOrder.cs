namespace Campaigns.Data.Demo;

/// <summary>
/// An order a demo customer places after the end of history, simulated and never stored: what the paid amount and the
/// order's main product (<see cref="Domain.Orders.Order.MainProductId"/>) would have been.
/// </summary>
public sealed record DemoFutureOrder(DateTime PlacedAt, decimal Total, decimal Discount, Guid ProductId, string Category);
