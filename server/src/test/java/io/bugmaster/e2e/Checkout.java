package io.bugmaster.e2e;

import java.io.IOException;

/**
 * A small piece of "application code" for the Java SDK test: a bug that surfaces through nested
 * calls with a chained cause, from two different lines of the same method.
 */
final class Checkout {
    void pay(int order) {
        charge(order);
    }

    private void charge(int order) {
        try {
            readCard(order);
        } catch (IOException e) {
            if (order % 2 == 0) {
                throw new IllegalStateException("payment failed for order " + order, e);
            } else {
                // the same bug, thrown from another line (as after a deploy that moved code)
                throw new IllegalStateException("payment failed for order " + order, e);
            }
        }
    }

    private void readCard(int order) throws IOException {
        throw new IOException("card reader offline");
    }

    /** A different bug: another exception type from another place. */
    int reserve(String quantity) {
        return Integer.parseInt(quantity);
    }
}
