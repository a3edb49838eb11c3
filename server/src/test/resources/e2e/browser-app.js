// The test page's "app": a click handler whose bug surfaces through nested calls.
function readCard(order) {
  throw new RangeError('browser card declined for order ' + order);
}
function charge(order) {
  readCard(order);
}
function pay() {
  charge(11);
}
document.getElementById('pay').addEventListener('click', pay);
