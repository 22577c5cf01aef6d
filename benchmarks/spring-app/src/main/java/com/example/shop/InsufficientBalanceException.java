package com.example.shop;

import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An order larger than the account's balance: the client's mistake, so 409 and no change. */
@ResponseStatus(HttpStatus.CONFLICT)
public class InsufficientBalanceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InsufficientBalanceException(Long accountId, BigDecimal amount) {
    super("account " + accountId + " cannot pay " + amount);
  }
}
