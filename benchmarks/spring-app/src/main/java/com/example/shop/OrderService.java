package com.example.shop;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Places orders: the charge and the order row commit together or not at all. */
@Service
public class OrderService {
  private final AccountRepository accounts;
  private final PurchaseOrderRepository orders;

  OrderService(AccountRepository accounts, PurchaseOrderRepository orders) {
    this.accounts = accounts;
    this.orders = orders;
  }

  @Transactional
  public PurchaseOrder place(Long accountId, BigDecimal amount) {
    Account account =
        accounts
            .findForUpdate(accountId)
            .orElseThrow(() -> new AccountNotFoundException(accountId));
    account.charge(amount);
    return orders.save(new PurchaseOrder(account, amount, Instant.now()));
  }
}
